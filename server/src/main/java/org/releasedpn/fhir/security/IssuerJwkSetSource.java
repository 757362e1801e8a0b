package org.releasedpn.fhir.security;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import java.io.IOException;

/**
 * The issuer's key set, from the {@code jwks_uri} its discovery document names. nimbus builds its
 * cache, refresh on an unknown key id, rate limit and outage tolerance around this source; this
 * class only finds the URL on first use, so that nothing is fetched at start.
 */
final class IssuerJwkSetSource implements JWKSetSource<SecurityContext> {
    private final IssuerMetadata issuer;
    private final ResourceRetriever retriever;
    private URLBasedJWKSetSource<SecurityContext> keys;

    IssuerJwkSetSource(IssuerMetadata issuer, ResourceRetriever retriever) {
        this.issuer = issuer;
        this.retriever = retriever;
    }

    @Override
    public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
            throws KeySourceException {
        return keys().getJWKSet(refreshEvaluator, currentTime, context);
    }

    private synchronized URLBasedJWKSetSource<SecurityContext> keys() throws IssuerUnavailableException {
        if (keys == null) {
            keys = new URLBasedJWKSetSource<>(issuer.get().jwksUri(), retriever);
        }
        return keys;
    }

    @Override
    public synchronized void close() throws IOException {
        if (keys != null) {
            keys.close();
        }
    }
}
