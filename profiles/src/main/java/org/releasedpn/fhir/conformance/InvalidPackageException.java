package org.releasedpn.fhir.conformance;

/** The FHIR package is missing, unreadable, or its index does not match its files. */
public class InvalidPackageException extends RuntimeException {

    public InvalidPackageException(String message) {
        super(message);
    }

    public InvalidPackageException(String message, Throwable cause) {
        super(message, cause);
    }
}
