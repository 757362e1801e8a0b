package org.releasedpn.fhir.config;

/** A configuration value the server cannot start with; the message names the variable. */
public class ConfigException extends RuntimeException {
    public ConfigException(String variable, String problem) {
        super(variable + " " + problem);
    }
}
