package org.releasedpn.fhir.bench.http;

import java.net.http.HttpRequest;
import java.util.Map;

/**
 * The access token for a server that requires one (FHIR_AUTH_ISSUER): taken from the environment
 * variable {@value #VARIABLE}, never from the command line, where {@code ps} and shell histories
 * show it; sent as {@code Authorization: Bearer} on every request. The harness gets no token
 * itself: obtain one from the identity provider beforehand (client-credentials grant).
 */
public final class BearerToken {
    public static final String VARIABLE = "FHIR_ACCESS_TOKEN";
    private static final BearerToken NONE = new BearerToken(null);

    private final String token;

    private BearerToken(String token) {
        this.token = token;
    }

    public static BearerToken none() {
        return NONE;
    }

    /** {@value #VARIABLE}, trimmed (a token read with $(cat file) ends in a newline); none when unset or blank. */
    public static BearerToken fromEnvironment(Map<String, String> environment) {
        String value = environment.get(VARIABLE);
        if (value == null || value.isBlank()) {
            return NONE;
        }
        String token = value.trim();
        if (!token.matches("[A-Za-z0-9\\-._~+/]+=*")) {
            throw new IllegalArgumentException(VARIABLE + " is not a bearer token (RFC 6750: letters, digits, "
                    + "-._~+/ and trailing =); was it pasted with quotes or a 'Bearer ' prefix?");
        }
        return new BearerToken(token);
    }

    public boolean isPresent() {
        return token != null;
    }

    /** {@code request} with the Authorization header, if there is a token. */
    public HttpRequest.Builder authorize(HttpRequest.Builder request) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    /** For reports and logs: whether a token was used, never the token. */
    @Override
    public String toString() {
        return token == null ? "none" : VARIABLE;
    }
}
