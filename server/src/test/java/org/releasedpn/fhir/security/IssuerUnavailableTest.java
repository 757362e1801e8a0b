package org.releasedpn.fhir.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.DefaultResourceRetriever;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.testsupport.TestIdentityProvider;

/**
 * When the issuer cannot be asked (down, or it states another issuer), tokens cannot be checked:
 * that is reported as the issuer's problem, never as a valid token nor as the client's error.
 */
class IssuerUnavailableTest {
    private static final DefaultResourceRetriever RETRIEVER = new DefaultResourceRetriever(1000, 1000);

    @Test
    void anUnreachableIssuerMakesTokensUncheckable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String issuer = "http://127.0.0.1:" + closedPort + "/realms/dpn";
        try (TestIdentityProvider other = TestIdentityProvider.start();
             AccessTokenVerifier verifier = new AccessTokenVerifier(new IssuerMetadata(issuer, RETRIEVER),
                     TestIdentityProvider.AUDIENCE, RETRIEVER)) {
            String token = other.token(claims -> claims.issuer(issuer).claim("scope", "system/*.rs"));

            IssuerUnavailableException failure = assertThrows(IssuerUnavailableException.class, () -> verifier.verify(token));
            assertTrue(failure.getMessage().contains(issuer), failure.getMessage());
        }
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsNotUsed() throws Exception {
        try (TestIdentityProvider provider = TestIdentityProvider.start()) {
            String configured = provider.issuer() + "/"; // a trailing slash: not the issuer the provider states
            IssuerMetadata metadata = new IssuerMetadata(configured, RETRIEVER);

            IssuerUnavailableException failure = assertThrows(IssuerUnavailableException.class, metadata::get);
            assertTrue(failure.getMessage().contains("names the issuer '" + provider.issuer() + "'"), failure.getMessage());
        }
    }
}
