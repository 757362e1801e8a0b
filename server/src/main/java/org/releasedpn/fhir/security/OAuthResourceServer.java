package org.releasedpn.fhir.security;

import ca.uhn.fhir.context.FhirContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.ResourceRetriever;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.releasedpn.fhir.config.AuthSettings;
import org.releasedpn.fhir.rest.OperationOutcomeBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server as an OAuth 2.0 resource server, assembled from {@link AuthSettings}: the filter that
 * wants a bearer token on /fhir, the SMART configuration servlet, and the interceptors for the
 * RestfulServer (scopes, and the CapabilityStatement's security section). Without authentication
 * the filter lets everything through and no scopes are checked.
 */
public final class OAuthResourceServer implements AutoCloseable {
    public static final String SMART_CONFIGURATION_PATH = SmartConfigurationServlet.PATH;
    private static final Logger log = LoggerFactory.getLogger(OAuthResourceServer.class);
    /** The identity provider's documents are small and answered at once; a hung provider must not hold requests long. */
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);
    private static final int FETCH_SIZE_LIMIT = 256 * 1024;

    private final Filter bearerTokens;
    private final HttpServlet smartConfiguration;
    private final List<Object> interceptors;
    private final AccessTokenVerifier verifier;

    private OAuthResourceServer(Filter bearerTokens, HttpServlet smartConfiguration, List<Object> interceptors,
                                AccessTokenVerifier verifier) {
        this.bearerTokens = bearerTokens;
        this.smartConfiguration = smartConfiguration;
        this.interceptors = List.copyOf(interceptors);
        this.verifier = verifier;
    }

    public static OAuthResourceServer from(AuthSettings settings, FhirContext fhirContext) {
        OperationOutcomeBody outcomes = new OperationOutcomeBody(fhirContext);
        if (!settings.enabled()) {
            if (settings.openBeyondLoopback()) {
                log.warn("FHIR_AUTH=off: this server listens beyond loopback WITHOUT authentication; anyone who can "
                        + "reach it can read and change every record. Set FHIR_AUTH_ISSUER to require access tokens.");
            }
            return new OAuthResourceServer((request, response, chain) -> chain.doFilter(request, response),
                    new SmartConfigurationServlet(null, outcomes),
                    List.of(new SmartCapabilityStatement(null, null, settings.openBeyondLoopback())), null);
        }
        int timeout = (int) FETCH_TIMEOUT.toMillis();
        ResourceRetriever retriever = new DefaultResourceRetriever(timeout, timeout, FETCH_SIZE_LIMIT);
        IssuerMetadata issuer = new IssuerMetadata(settings.issuer().orElseThrow(), retriever);
        String audience = settings.audience().orElseThrow();
        AccessTokenVerifier verifier = new AccessTokenVerifier(issuer, audience, retriever);
        return new OAuthResourceServer(new BearerTokenFilter(verifier, audience, outcomes),
                new SmartConfigurationServlet(issuer, outcomes),
                List.of(new ScopeAuthorization(fhirContext, audience), new SmartCapabilityStatement(issuer, audience, false)),
                verifier);
    }

    /** For every request under /fhir, before any other filter reads the request. */
    public Filter bearerTokens() {
        return bearerTokens;
    }

    /** At {@link #SMART_CONFIGURATION_PATH}. */
    public HttpServlet smartConfiguration() {
        return smartConfiguration;
    }

    /** For the RestfulServer. */
    public List<Object> interceptors() {
        return interceptors;
    }

    @Override
    public void close() throws IOException {
        if (verifier != null) {
            verifier.close();
        }
    }
}
