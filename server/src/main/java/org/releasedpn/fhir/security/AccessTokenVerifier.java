package org.releasedpn.fhir.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSetUnavailableException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.ResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.ConfigurableJWTProcessor;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import java.io.Closeable;
import java.io.IOException;
import java.text.ParseException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Verifies an OAuth 2.0 access token (a signed JWT) with nimbus-jose-jwt: signed with RS256 or
 * ES256 by a key of the issuer's key set (never {@code none}, never an HMAC, whose key would be
 * the public key anyone can fetch), {@code iss} exactly the configured issuer, {@code aud}
 * containing the configured audience, {@code exp} and {@code nbf} with {@link #CLOCK_SKEW}.
 *
 * <p>The key set is fetched on first use, cached (5 minutes, refreshed ahead of expiry in the
 * background), fetched again at once for a token whose key id it does not know (a rotated key; at
 * most twice per 30 s, so that forged key ids cannot make the server hammer the provider), and kept
 * in use while the provider is unreachable. These are nimbus's {@link JWKSourceBuilder} defaults.
 */
final class AccessTokenVerifier implements Closeable {
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final JWKSource<SecurityContext> keys;
    private final ConfigurableJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String issuer;
    private final String audience;

    AccessTokenVerifier(IssuerMetadata issuerMetadata, String audience, ResourceRetriever retriever) {
        this.issuer = issuerMetadata.issuer();
        this.audience = audience;
        ExecutorService refresher = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jwks-refresh");
            thread.setDaemon(true);
            return thread;
        });
        this.keys = JWKSourceBuilder.create(new IssuerJwkSetSource(issuerMetadata, retriever))
                .refreshAheadCache(JWKSourceBuilder.DEFAULT_REFRESH_AHEAD_TIME, null, refresher, true, null, false)
                .outageTolerant(true)
                .build();
        // RFC 9068 access tokens are typed at+jwt; many providers (Keycloak) type them JWT or not at all.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), new JOSEObjectType("application/at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(Set.of(audience),
                new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("iss", "exp"), null);
        claims.setMaxClockSkew((int) CLOCK_SKEW.toSeconds());
        processor.setJWTClaimsSetVerifier(claims);
    }

    /**
     * @throws InvalidTokenException      the token is not accepted (401 invalid_token)
     * @throws IssuerUnavailableException the issuer's keys cannot be fetched: the token cannot be checked now
     */
    AccessToken verify(String token) throws InvalidTokenException, IssuerUnavailableException {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw new InvalidTokenException("The access token is not a JWT (a signed JSON Web Token of " + issuer + ")");
        } catch (IssuerUnavailableException e) {
            throw e;
        } catch (JWKSetUnavailableException e) {
            throw new IssuerUnavailableException("The signing keys of " + issuer + " could not be fetched: "
                    + e.getMessage(), e);
        } catch (KeySourceException e) {
            // The key set was not refreshed (rate limit): the key id is not one of the issuer's current keys.
            throw new InvalidTokenException(notSignedByTheIssuer());
        } catch (BadJOSEException | JOSEException | RuntimeException e) {
            throw new InvalidTokenException(describe(e));
        }
        return new AccessToken(clientId(claims), Optional.ofNullable(claims.getSubject()), scopes(claims));
    }

    private String describe(Exception refusal) {
        String message = String.valueOf(refusal.getMessage());
        if (refusal instanceof ExpiredJWTException) {
            return "The access token has expired (exp)";
        }
        if (refusal instanceof BadJWTException) {
            // nimbus's messages name claims, never their values.
            if (message.contains("before use time")) {
                return "The access token is not valid yet (nbf)";
            }
            if (message.startsWith("JWT missing required")) {
                return "The access token lacks a required claim (" + message.substring("JWT missing required ".length()) + ")";
            }
            if (message.startsWith("JWT aud ")) {
                return "The access token is not meant for this server: its aud must contain " + audience;
            }
            if (message.startsWith("JWT iss ")) {
                return "The access token was not issued by " + issuer + " (iss)";
            }
            return "The access token's claims are not accepted: " + message;
        }
        if (refusal instanceof BadJWSException) {
            return "The access token's signature does not verify with the keys of " + issuer;
        }
        if (message.contains("Unsecured") || message.contains("Plain JWT")) {
            return "Unsigned access tokens (alg none) are not accepted";
        }
        if (message.contains("Another algorithm expected")) {
            return notSignedByTheIssuer();
        }
        if (message.contains("typ")) {
            return "The access token's type (typ) is not one of JWT, at+jwt";
        }
        if (message.contains("Encrypted JWT")) {
            return "Encrypted access tokens are not accepted: send a signed JWT";
        }
        return "The access token could not be verified";
    }

    private String notSignedByTheIssuer() {
        return "The access token is not signed with RS256 or ES256 by a current key of " + issuer;
    }

    /** RFC 9068 {@code client_id}; Keycloak writes the client into {@code azp}; else the subject. */
    private static String clientId(JWTClaimsSet claims) {
        for (String name : List.of("client_id", "azp", "sub")) {
            if (claims.getClaim(name) instanceof String value && !value.isBlank()) {
                return value;
            }
        }
        return "(unnamed client)";
    }

    /** {@code scope}, space-separated (RFC 8693, RFC 9068); some providers write {@code scp}, a list. */
    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope");
        if (scope == null) {
            scope = claims.getClaim("scp");
        }
        if (scope instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        }
        if (scope instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        return List.of();
    }

    @Override
    public void close() throws IOException {
        if (keys instanceof Closeable cache) {
            cache.close(); // stops the background refresh
        }
    }
}
