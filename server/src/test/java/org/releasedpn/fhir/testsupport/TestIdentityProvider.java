package org.releasedpn.fhir.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * An OpenID issuer for the tests, on loopback: it serves a discovery document and a JSON Web Key
 * Set (an RSA and an EC key generated here), and mints access tokens with the claims a test
 * chooses, signed by one of its keys or by any other. It knows no clients and has no token
 * endpoint that answers; tests take tokens from {@link #token}.
 */
public final class TestIdentityProvider implements AutoCloseable {
    public static final String AUDIENCE = "https://fhir.test.release-dpn.org/fhir";

    private final HttpServer http;
    private final String issuer;
    private final RSAKey rsa;
    private final ECKey ec;
    private final List<JWK> published = new CopyOnWriteArrayList<>();
    private final AtomicInteger keySetFetches = new AtomicInteger();

    private TestIdentityProvider(HttpServer http) {
        this.http = http;
        this.issuer = "http://127.0.0.1:" + http.getAddress().getPort() + "/realms/dpn";
        this.rsa = newRsaKey("rsa-1");
        this.ec = newEcKey("ec-1");
        published.add(rsa.toPublicJWK());
        published.add(ec.toPublicJWK());
    }

    public static TestIdentityProvider start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            TestIdentityProvider provider = new TestIdentityProvider(http);
            http.createContext("/realms/dpn/.well-known/openid-configuration", provider::discovery);
            http.createContext("/realms/dpn/protocol/openid-connect/certs", provider::keySet);
            http.start();
            return provider;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The FHIR_AUTH_* variables of a server that accepts this provider's tokens. */
    public Map<String, String> serverEnvironment() {
        return Map.of("FHIR_AUTH_ISSUER", issuer, "FHIR_AUTH_AUDIENCE", AUDIENCE);
    }

    public String issuer() {
        return issuer;
    }

    public String tokenEndpoint() {
        return issuer + "/protocol/openid-connect/token";
    }

    public String keySetUri() {
        return issuer + "/protocol/openid-connect/certs";
    }

    /** How often the key set was fetched. */
    public int keySetFetches() {
        return keySetFetches.get();
    }

    /** A valid token for {@code scopes} (space-separated), RS256, five minutes. */
    public String token(String scopes) {
        return token(claims -> claims.claim("scope", scopes));
    }

    /** A token whose claims start valid (issuer, audience, client, five minutes) and are then changed by {@code change}. */
    public String token(UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(validClaims()).build(), rsa, JWSAlgorithm.RS256);
    }

    public JWTClaimsSet.Builder validClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(List.of(AUDIENCE, "account"))
                .subject("service-account-test")
                .claim("azp", "test-client")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
                .jwtID(UUID.randomUUID().toString());
    }

    public RSAKey rsaKey() {
        return rsa;
    }

    public ECKey ecKey() {
        return ec;
    }

    /** From now on, the key set also holds {@code key} (a rotation: the provider's new signing key). */
    public void publish(JWK key) {
        published.add(key.toPublicJWK());
    }

    public static RSAKey newRsaKey(String keyId) {
        try {
            return new RSAKeyGenerator(2048).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ECKey newEcKey(String keyId) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(keyId).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code claims} signed with {@code key} (its key id in the header) using {@code algorithm}. */
    public static String sign(JWTClaimsSet claims, JWK key, JWSAlgorithm algorithm) {
        try {
            JWSSigner signer = key instanceof ECKey ecKey ? new ECDSASigner(ecKey) : new RSASSASigner((RSAKey) key);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT)
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = Map.of(
                "issuer", issuer,
                "jwks_uri", keySetUri(),
                "token_endpoint", tokenEndpoint(),
                "token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "private_key_jwt"),
                "grant_types_supported", List.of("client_credentials"),
                "code_challenge_methods_supported", List.of("plain", "S256"),
                "id_token_signing_alg_values_supported", List.of("RS256", "ES256"));
        answer(exchange, JSONObjectUtils.toJSONString(document));
    }

    private void keySet(HttpExchange exchange) throws IOException {
        keySetFetches.incrementAndGet();
        answer(exchange, new JWKSet(List.copyOf(published)).toString(true));
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
