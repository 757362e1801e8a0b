/**
 * Who may do what: the server is an OAuth 2.0 resource server. {@link BearerTokenFilter} lets a
 * request under /fhir through only with an access token (RFC 6750) that {@link AccessTokenVerifier}
 * verified against the configured OpenID issuer's keys; {@link ScopeAuthorization} (HAPI's
 * AuthorizationInterceptor) lets each interaction happen only when the token's SMART scopes
 * ({@link SmartScopes}) allow it. {@link OAuthResourceServer} assembles these from
 * {@code config.AuthSettings}; without authentication (loopback, or FHIR_AUTH=off) it lets
 * everything through and says so in the CapabilityStatement.
 */
package org.releasedpn.fhir.security;
