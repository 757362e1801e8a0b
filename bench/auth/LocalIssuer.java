import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A throwaway OpenID issuer on loopback, for measuring the server with tokens required: serves a
 * discovery document and the JSON Web Key Set of an RSA key generated at start, and writes one
 * RS256 access token to a file. Nothing is kept: a new key (and token) on every start.
 *
 * <pre>
 * java -cp ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.10/nimbus-jose-jwt-10.10.jar bench/auth/LocalIssuer.java \
 *     PORT AUDIENCE "SCOPES" TOKEN_FILE [HOURS]
 * </pre>
 *
 * The server then runs with {@code FHIR_AUTH_ISSUER=http://127.0.0.1:PORT/realms/bench} and
 * {@code FHIR_AUTH_AUDIENCE=AUDIENCE}; clients with {@code FHIR_ACCESS_TOKEN=$(cat TOKEN_FILE)}.
 */
public final class LocalIssuer {
    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: LocalIssuer PORT AUDIENCE SCOPES TOKEN_FILE [HOURS]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        String issuer = "http://127.0.0.1:" + port + "/realms/bench";
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench-" + UUID.randomUUID()).generate();
        Duration lifetime = Duration.ofHours(args.length > 4 ? Long.parseLong(args[4]) : 4);

        Instant now = Instant.now();
        SignedJWT token = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(List.of(args[1])).subject("bench")
                        .claim("azp", "bench").claim("scope", args[2]).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plus(lifetime))).jwtID(UUID.randomUUID().toString()).build());
        token.sign(new RSASSASigner(key));
        Files.writeString(Path.of(args[3]), token.serialize());

        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        String discovery = "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + issuer + "/certs\",\"token_endpoint\":\""
                + issuer + "/token\",\"grant_types_supported\":[\"client_credentials\"]}";
        String keySet = new JWKSet(key.toPublicJWK()).toString();
        http.createContext("/realms/bench/.well-known/openid-configuration", exchange -> json(exchange, discovery));
        http.createContext("/realms/bench/certs", exchange -> json(exchange, keySet));
        http.start();
        System.out.println("issuer " + issuer + " serving; token (" + lifetime.toHours() + " h) in " + args[3]);
    }

    private static void json(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (exchange) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
