package org.releasedpn.fhir.audit;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.regex.Pattern;
import org.releasedpn.fhir.security.AccessToken;

/**
 * The facts of one HTTP request that each of its audit events repeats: who (the token's client and
 * subject; "anonymous" without authentication), from which address, to which server address, and
 * what was asked (method and URL, the query included: a search's parameters are what was looked for).
 *
 * @param client    the OAuth client id, or {@link #ANONYMOUS}
 * @param user      the token's subject, when it is not the client itself
 * @param address   the client's network address
 * @param server    the address the request reached
 * @param requestId the client's X-Request-ID, if it sent one
 * @param method    the HTTP method
 * @param url       path and query; an access token sent in the query (which the server refuses) is cut out
 */
record AuditedRequest(String client, Optional<String> user, String address, String server,
                      Optional<String> requestId, String method, String url) {
    static final String ANONYMOUS = "anonymous";
    private static final Pattern TOKEN_IN_QUERY = Pattern.compile("(^|&)access_token=[^&]*");
    private static final int MAX_URL = 4096;

    static AuditedRequest of(HttpServletRequest request) {
        Optional<AccessToken> token = AccessToken.of(request);
        String client = token.map(AccessToken::clientId).orElse(ANONYMOUS);
        Optional<String> user = token.flatMap(AccessToken::subject).filter(subject -> !subject.equals(client));
        String url = request.getRequestURI();
        if (request.getQueryString() != null) {
            url += "?" + TOKEN_IN_QUERY.matcher(request.getQueryString()).replaceAll("$1access_token=(removed)");
        }
        if (url.length() > MAX_URL) {
            url = url.substring(0, MAX_URL) + "…";
        }
        return new AuditedRequest(client, user, request.getRemoteAddr(),
                request.getLocalAddr() + ":" + request.getLocalPort(),
                Optional.ofNullable(request.getHeader("X-Request-ID")), request.getMethod(), url);
    }
}
