package org.releasedpn.fhir.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.Optional;

/** Reads typed values from environment variables; a bad value names its variable. */
final class EnvironmentReader {
    private final Map<String, String> env;

    EnvironmentReader(Map<String, String> env) {
        this.env = env;
    }

    String text(String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    int integer(String name, int defaultValue, int min, int max) {
        return (int) longInteger(name, defaultValue, min, max);
    }

    long longInteger(String name, long defaultValue, long min, long max) {
        String value = text(name, null);
        if (value == null) {
            return defaultValue;
        }
        try {
            long parsed = Long.parseLong(value);
            if (parsed < min || parsed > max) {
                throw new ConfigException(name, "must be from " + min + " to " + max + ", was " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigException(name, "must be a whole number, was '" + value + "'");
        }
    }

    Optional<String> optionalUrl(String name) {
        String value = text(name, null);
        if (value == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                throw new ConfigException(name, "must be an http(s) URL, was '" + value + "'");
            }
            return Optional.of(value);
        } catch (URISyntaxException e) {
            throw new ConfigException(name, "is not a URL: " + e.getMessage());
        }
    }
}
