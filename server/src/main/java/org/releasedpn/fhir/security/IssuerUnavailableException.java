package org.releasedpn.fhir.security;

import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;

/**
 * The issuer's discovery document or keys could not be fetched or are unusable. Not the client's
 * fault: the token cannot be checked now. A {@link JWKSetUnavailableException}, so that nimbus's
 * key cache treats it as an outage (and keeps using the keys it has).
 */
final class IssuerUnavailableException extends JWKSetUnavailableException {
    IssuerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
