package org.releasedpn.fhir.security;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.ServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * What a verified access token says about its caller: who (the OAuth client, and the subject it
 * acts as) and which scopes it was granted. The token itself is not kept: it must never reach a
 * log or an answer.
 *
 * @param clientId the OAuth client ({@code client_id}, else {@code azp}, else the subject)
 * @param subject  the token's {@code sub}, if any
 * @param scopes   the granted scopes, as the token lists them
 */
public record AccessToken(String clientId, Optional<String> subject, List<String> scopes) {
    /** The request attribute under which {@link BearerTokenFilter} leaves the verified token. */
    static final String ATTRIBUTE = AccessToken.class.getName();
    /** The scope that lets a client read identified data; without it, it reads the pseudonymised view. */
    public static final String IDENTIFIED_DATA_SCOPE = SmartScopes.IDENTIFIED;

    public AccessToken {
        scopes = List.copyOf(scopes);
    }

    /** Whether the token grants {@value #IDENTIFIED_DATA_SCOPE}: names, identifiers, exact dates of birth. */
    public boolean mayReadIdentifiedData() {
        return scopes.contains(IDENTIFIED_DATA_SCOPE);
    }

    /** The token {@link BearerTokenFilter} verified for this request; empty for a public endpoint. */
    public static Optional<AccessToken> of(RequestDetails request) {
        if (request instanceof ServletRequestDetails servlet && servlet.getServletRequest() != null) {
            return of(servlet.getServletRequest());
        }
        return Optional.empty();
    }

    /** The token verified for this HTTP request, also where no HAPI request exists yet (a filter). */
    public static Optional<AccessToken> of(ServletRequest request) {
        return Optional.ofNullable((AccessToken) request.getAttribute(ATTRIBUTE));
    }
}
