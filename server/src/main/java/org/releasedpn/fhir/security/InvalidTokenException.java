package org.releasedpn.fhir.security;

/**
 * An access token that is not accepted (RFC 6750 {@code invalid_token}). The message says why in
 * words a client developer can act on, and never contains the token or its claims' values.
 */
final class InvalidTokenException extends Exception {
    InvalidTokenException(String description) {
        super(description);
    }
}
