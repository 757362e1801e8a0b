package org.releasedpn.fhir.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FHIR_AUTH, FHIR_AUTH_ISSUER, FHIR_AUTH_AUDIENCE: when the server needs tokens, and when it refuses to start. */
class AuthSettingsTest {
    private static final String ISSUER = "https://sso.example.org/realms/dpn";

    @Test
    void withoutAnIssuerOnLoopbackThereIsNoAuthentication() {
        AuthSettings auth = ServerConfig.fromEnvironment(Map.of()).auth();

        assertEquals(new AuthSettings(false, Optional.empty(), Optional.empty(), false), auth);
        assertEquals("off (no FHIR_AUTH_ISSUER: loopback only)", auth.describe().get("FHIR_AUTH"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "localhost"})
    void everyLoopbackAddressRunsWithoutAnIssuer(String address) {
        assertFalse(ServerConfig.fromEnvironment(Map.of("FHIR_BIND_ADDRESS", address)).auth().enabled());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.10.20"})
    void anyOtherAddressWithoutAnIssuerRefusesToStartAndSaysHow(String address) {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> ServerConfig.fromEnvironment(Map.of("FHIR_BIND_ADDRESS", address)));

        assertTrue(refused.getMessage().startsWith("FHIR_AUTH_ISSUER must be set when FHIR_BIND_ADDRESS is " + address),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("FHIR_AUTH_AUDIENCE"), refused.getMessage());
        assertTrue(refused.getMessage().contains("FHIR_AUTH=off"), refused.getMessage());
    }

    @Test
    void authOffOnAnyAddressIsAllowedAndFlaggedForTheWarning() {
        AuthSettings auth = ServerConfig.fromEnvironment(Map.of("FHIR_BIND_ADDRESS", "0.0.0.0", "FHIR_AUTH", "off")).auth();

        assertFalse(auth.enabled());
        assertTrue(auth.openBeyondLoopback());
        assertTrue(auth.describe().get("FHIR_AUTH").contains("NO AUTHENTICATION"), auth.describe().toString());
    }

    @Test
    void anIssuerSwitchesAuthenticationOnWithTheBaseUrlAsAudience() {
        AuthSettings auth = ServerConfig.fromEnvironment(Map.of("FHIR_BIND_ADDRESS", "0.0.0.0",
                "FHIR_AUTH_ISSUER", ISSUER, "FHIR_BASE_URL", "https://fhir.example.org/fhir/")).auth();

        assertEquals(new AuthSettings(true, Optional.of(ISSUER), Optional.of("https://fhir.example.org/fhir"), false), auth);
    }

    @Test
    void anExplicitAudienceWinsOverTheBaseUrl() {
        AuthSettings auth = ServerConfig.fromEnvironment(Map.of("FHIR_AUTH_ISSUER", ISSUER,
                "FHIR_BASE_URL", "https://fhir.example.org/fhir", "FHIR_AUTH_AUDIENCE", "dpn-fhir")).auth();

        assertEquals(Optional.of("dpn-fhir"), auth.audience());
    }

    @Test
    void anIssuerWithoutAudienceOrBaseUrlIsRefused() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> ServerConfig.fromEnvironment(Map.of("FHIR_AUTH_ISSUER", ISSUER)));

        assertTrue(refused.getMessage().startsWith("FHIR_AUTH_AUDIENCE must be set"), refused.getMessage());
    }

    @Test
    void authOnNeedsAnIssuer() {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> ServerConfig.fromEnvironment(Map.of("FHIR_AUTH", "on")));

        assertTrue(refused.getMessage().startsWith("FHIR_AUTH_ISSUER must be set when FHIR_AUTH=on"), refused.getMessage());
    }

    @Test
    void authOffWithAnIssuerTurnsItOff() {
        AuthSettings auth = ServerConfig.fromEnvironment(Map.of("FHIR_AUTH", "OFF", "FHIR_AUTH_ISSUER", ISSUER)).auth();

        assertFalse(auth.enabled());
        assertFalse(auth.openBeyondLoopback());
    }

    @Test
    void plainHttpIssuersOnlyOnLoopback() {
        Map<String, String> env = new HashMap<>(Map.of("FHIR_AUTH_AUDIENCE", "dpn-fhir"));
        env.put("FHIR_AUTH_ISSUER", "http://127.0.0.1:8081/realms/dpn");
        assertTrue(ServerConfig.fromEnvironment(env).auth().enabled());

        env.put("FHIR_AUTH_ISSUER", "http://sso.example.org/realms/dpn");
        ConfigException refused = assertThrows(ConfigException.class, () -> ServerConfig.fromEnvironment(env));
        assertTrue(refused.getMessage().startsWith("FHIR_AUTH_ISSUER must be an https URL"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"maybe", "yes", "1"})
    void unknownSwitchValuesNameTheVariable(String value) {
        ConfigException refused = assertThrows(ConfigException.class,
                () -> ServerConfig.fromEnvironment(Map.of("FHIR_AUTH", value)));

        assertTrue(refused.getMessage().startsWith("FHIR_AUTH must be on or off"), refused.getMessage());
    }
}
