package org.releasedpn.fhir.security;

import java.util.List;

/**
 * The {@code WWW-Authenticate: Bearer …} header of RFC 6750 (section 3): which realm, and when a
 * token was sent, what was wrong with it. Attribute values are quoted strings of printable ASCII
 * without {@code "} and {@code \}, as the RFC allows.
 */
final class BearerChallenge {
    static final String HEADER = "WWW-Authenticate";

    private BearerChallenge() {
    }

    /** No token was sent: no error attribute (RFC 6750, 3.1). */
    static String authenticationRequired(String realm) {
        return "Bearer realm=\"" + quotable(realm) + "\"";
    }

    static String invalidToken(String realm, String description) {
        return authenticationRequired(realm) + ", error=\"invalid_token\", error_description=\"" + quotable(description) + "\"";
    }

    static String invalidRequest(String realm, String description) {
        return authenticationRequired(realm) + ", error=\"invalid_request\", error_description=\"" + quotable(description) + "\"";
    }

    static String insufficientScope(String realm, List<String> scopes) {
        return authenticationRequired(realm) + ", error=\"insufficient_scope\", scope=\""
                + quotable(String.join(" ", scopes)) + "\"";
    }

    private static String quotable(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            safe.append(c == '"' ? '\'' : c == '\\' ? '/' : c < 0x20 || c > 0x7e ? '?' : c);
        }
        return safe.toString();
    }
}
