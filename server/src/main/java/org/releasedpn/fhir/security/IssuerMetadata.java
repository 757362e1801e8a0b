package org.releasedpn.fhir.security;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.releasedpn.fhir.config.AuthSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The issuer's OpenID discovery document ({@code {issuer}/.well-known/openid-configuration}):
 * where its signing keys and its token endpoint are. Fetched on first use, not at start, so that
 * the server may start before the identity provider; kept once read. After a failed fetch the
 * next attempt waits a few seconds, so that an unreachable provider is not asked on every request.
 */
final class IssuerMetadata {
    private static final Logger log = LoggerFactory.getLogger(IssuerMetadata.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    /** What the server uses of the discovery document. */
    record Discovered(URL jwksUri, String tokenEndpoint, Optional<String> authorizationEndpoint,
                      List<String> tokenEndpointAuthMethods, List<String> codeChallengeMethods) {
    }

    private final String issuer;
    private final URL discoveryUrl;
    private final ResourceRetriever retriever;
    private Discovered discovered;
    private IssuerUnavailableException lastFailure;
    private long lastFailureNanos;

    IssuerMetadata(String issuer, ResourceRetriever retriever) {
        this.issuer = issuer;
        this.retriever = retriever;
        // OpenID Connect Discovery 1.0, section 4: a terminating "/" of the issuer is removed first.
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        this.discoveryUrl = url(base + "/.well-known/openid-configuration");
    }

    String issuer() {
        return issuer;
    }

    synchronized Discovered get() throws IssuerUnavailableException {
        if (discovered != null) {
            return discovered;
        }
        if (lastFailure != null && System.nanoTime() - lastFailureNanos < RETRY_AFTER_FAILURE.toNanos()) {
            throw lastFailure;
        }
        try {
            discovered = read(JSONObjectUtils.parse(retriever.retrieveResource(discoveryUrl).getContent()));
            lastFailure = null;
            log.info("OpenID issuer {}: keys at {}, token endpoint {}", issuer, discovered.jwksUri(),
                    discovered.tokenEndpoint());
            return discovered;
        } catch (IssuerUnavailableException unusable) {
            throw failed(unusable);
        } catch (IOException | ParseException | RuntimeException e) {
            throw failed(new IssuerUnavailableException("The discovery document " + discoveryUrl + " of the issuer "
                    + issuer + " could not be read: " + e.getMessage(), e));
        }
    }

    private IssuerUnavailableException failed(IssuerUnavailableException failure) {
        lastFailure = failure;
        lastFailureNanos = System.nanoTime();
        log.warn("{}", failure.getMessage());
        return failure;
    }

    private Discovered read(Map<String, Object> document) throws ParseException, IssuerUnavailableException {
        String statedIssuer = JSONObjectUtils.getString(document, "issuer");
        if (!issuer.equals(statedIssuer)) {
            // OpenID Connect Discovery 1.0, section 4.3: the document must be the issuer's own.
            throw new IssuerUnavailableException("The discovery document " + discoveryUrl + " names the issuer '"
                    + statedIssuer + "', not FHIR_AUTH_ISSUER '" + issuer + "': set FHIR_AUTH_ISSUER to exactly the "
                    + "issuer the identity provider states (and writes into its tokens' iss)", null);
        }
        String jwksUri = required(document, "jwks_uri");
        if (!"https".equals(URI.create(jwksUri).getScheme()) && !AuthSettings.isLoopback(URI.create(jwksUri).getHost())) {
            throw new IssuerUnavailableException("The issuer's jwks_uri " + jwksUri + " is not https: its keys could "
                    + "be replaced on the way", null);
        }
        List<String> authMethods = JSONObjectUtils.getStringList(document, "token_endpoint_auth_methods_supported");
        List<String> challengeMethods = JSONObjectUtils.getStringList(document, "code_challenge_methods_supported");
        return new Discovered(url(jwksUri), required(document, "token_endpoint"),
                Optional.ofNullable(JSONObjectUtils.getString(document, "authorization_endpoint")),
                authMethods == null ? List.of() : List.copyOf(authMethods),
                challengeMethods == null ? List.of() : List.copyOf(challengeMethods));
    }

    private String required(Map<String, Object> document, String name) throws ParseException, IssuerUnavailableException {
        String value = JSONObjectUtils.getString(document, name);
        if (value == null || value.isBlank()) {
            throw new IssuerUnavailableException("The discovery document " + discoveryUrl + " has no " + name, null);
        }
        return value;
    }

    private static URL url(String text) {
        try {
            return new URI(text).toURL();
        } catch (URISyntaxException | java.net.MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a URL: " + text, e);
        }
    }
}
