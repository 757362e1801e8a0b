package org.releasedpn.fhir.security;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.releasedpn.fhir.rest.OperationOutcomeBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OAuth 2.0 bearer tokens (RFC 6750) on every request under /fhir, before anything else reads the
 * request: without a token only the CapabilityStatement and the SMART configuration are served
 * (what a client needs to find the token endpoint). A verified token is left as an
 * {@link AccessToken} request attribute for {@link ScopeAuthorization}; every refusal is a 401
 * with {@code WWW-Authenticate} and an OperationOutcome that never repeats the token.
 */
final class BearerTokenFilter implements Filter {
    private static final Logger log = LoggerFactory.getLogger(BearerTokenFilter.class);
    private static final Set<String> PUBLIC = Set.of("/fhir/metadata", SmartConfigurationServlet.PATH);
    /** RFC 6750 section 2.1: {@code b64token}. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");
    private static final Pattern TOKEN_IN_QUERY = Pattern.compile("(^|&)access_token=");
    private static final int RETRY_AFTER_SECONDS = 10;

    private final AccessTokenVerifier verifier;
    private final String realm;
    private final OperationOutcomeBody outcomes;

    BearerTokenFilter(AccessTokenVerifier verifier, String realm, OperationOutcomeBody outcomes) {
        this.verifier = verifier;
        this.realm = realm;
        this.outcomes = outcomes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse answer = (HttpServletResponse) response;
        if (isPublic(http)) {
            chain.doFilter(request, response);
            return;
        }
        if (http.getQueryString() != null && TOKEN_IN_QUERY.matcher(http.getQueryString()).find()) {
            // RFC 6750 2.3 allows it, but a token in the URL ends up in logs and browser histories.
            refuse(answer, 400, BearerChallenge.invalidRequest(realm, "Send the access token in the Authorization header"),
                    IssueType.SECURITY, "The access token must be sent in the Authorization header "
                            + "('Authorization: Bearer <token>'), not in the URL");
            return;
        }
        List<String> authorizations = Collections.list(http.getHeaders("Authorization"));
        if (authorizations.size() > 1) {
            refuse(answer, 400, BearerChallenge.invalidRequest(realm, "More than one Authorization header"),
                    IssueType.SECURITY, "The request has more than one Authorization header: send one, with the bearer token");
            return;
        }
        String authorization = authorizations.isEmpty() ? "" : authorizations.get(0).trim();
        if (!authorization.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            // No token, or another scheme (Basic …): RFC 6750 3.1 says no error code then.
            refuse(answer, 401, BearerChallenge.authenticationRequired(realm), IssueType.LOGIN,
                    "This server needs an OAuth 2.0 access token: send 'Authorization: Bearer <token>'. The token "
                            + "endpoint is named in " + SmartConfigurationServlet.PATH + ".");
            return;
        }
        String token = authorization.substring("bearer ".length()).trim();
        try {
            if (!TOKEN.matcher(token).matches()) {
                throw new InvalidTokenException("The access token is malformed (RFC 6750 b64token)");
            }
            http.setAttribute(AccessToken.ATTRIBUTE, verifier.verify(token));
        } catch (InvalidTokenException invalid) {
            log.debug("Refused a token from {}: {}", request.getRemoteAddr(), invalid.getMessage());
            refuse(answer, 401, BearerChallenge.invalidToken(realm, invalid.getMessage()), IssueType.LOGIN,
                    invalid.getMessage());
            return;
        } catch (IssuerUnavailableException unavailable) {
            // Not the client's fault, nor a token to throw away: the server cannot check tokens now.
            log.warn("Cannot check access tokens: {}", unavailable.getMessage());
            answer.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            refuse(answer, 503, null, IssueType.TRANSIENT, "The access token cannot be checked now: the identity "
                    + "provider's signing keys are unavailable. Try again later.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isPublic(HttpServletRequest request) {
        String method = request.getMethod();
        String path = request.getServletPath() + Objects.toString(request.getPathInfo(), "");
        return ("GET".equals(method) || "HEAD".equals(method)) && PUBLIC.contains(path);
    }

    private void refuse(HttpServletResponse response, int status, String challenge, IssueType type, String message)
            throws IOException {
        response.setStatus(status);
        if (challenge != null) {
            response.setHeader(BearerChallenge.HEADER, challenge);
        }
        response.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        response.getOutputStream().write(outcomes.error(type, message));
    }
}
