package org.releasedpn.fhir.security;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.heartRate;
import static org.releasedpn.fhir.testsupport.Resources.identifierParam;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.ExampleProfiles;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.KeycloakProcess;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * End to end against a real OpenID provider: Keycloak (its distribution, as a process of its own)
 * with the realm an operator imports ({@code docs/keycloak/release-dpn-realm.json}), and the server
 * in-process on H2 with {@code FHIR_AUTH_ISSUER} pointing at the realm. Each of the trial's four
 * clients gets its token from Keycloak by the client-credentials grant, at the token endpoint the
 * server's own SMART configuration names, and may do exactly what the README says.
 *
 * <p>Heavy (Keycloak takes 35-60 s to start, more the first time after unpacking), so it runs only with {@code -Ddpn.test.keycloak=true}
 * (as CI does); Keycloak is started once for the class.
 */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_KEYCLOAK", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeycloakEndToEndTest {
    /** What the realm's audience mapper writes into {@code aud}: the README's local server. */
    static final String AUDIENCE = "http://127.0.0.1:8080/fhir";

    /** The realm's client id of each of the trial's clients; {@link TrialClients} has the scopes the README grants. */
    private static final Map<TrialClients, String> CLIENT_IDS = new EnumMap<>(Map.of(
            TrialClients.EHR, "ehr-integration",
            TrialClients.RESEARCH, "research-system",
            TrialClients.ADMIN, "data-manager",
            TrialClients.INTEGRATOR, "integrator"));

    private KeycloakProcess keycloak;
    private Storage storage;
    private FhirServer server;
    private FhirEndpoint fhir;
    private Map<String, Object> keycloakDiscovery;
    private final Map<String, String> secrets = new HashMap<>();
    private final Map<TrialClients, Token> tokens = new EnumMap<>(TrialClients.class);

    private record Token(String value, Instant fetched) {
    }

    @RegisterExtension
    final TestWatcher printKeycloakLogOnFailure = new TestWatcher() {
        private boolean printed;

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (keycloak != null && !printed) {
                printed = true;
                System.err.println("---- Keycloak's log (" + keycloak.log() + "), last 60 lines ----\n"
                        + keycloak.logTail(60) + "\n---- end of Keycloak's log ----");
            }
        }
    };

    @BeforeAll
    void start() throws Exception {
        Instant begin = Instant.now();
        // Keycloak starts in its own process while the server starts here; the server fetches the
        // issuer's discovery document only on the first request with a token.
        // (JUnit runs stop() also when this fails half-way.)
        keycloak = KeycloakProcess.launch();
        readSecrets();
        storage = Storage.h2();
        server = TestServers.start(storage, Map.of("FHIR_AUTH_ISSUER", keycloak.issuer(), "FHIR_AUTH_AUDIENCE", AUDIENCE));
        fhir = new FhirEndpoint(server);
        Duration keycloakStart = keycloak.awaitReady();
        System.out.printf("Keycloak ready %.1f s after launch; the server and Keycloak ready after %.1f s%n",
                keycloakStart.toMillis() / 1000.0, Duration.between(begin, Instant.now()).toMillis() / 1000.0);
        Http.Response discovery = Http.get(URI.create(keycloak.issuer() + "/.well-known/openid-configuration"));
        assertEquals(200, discovery.status(), discovery::toString);
        keycloakDiscovery = JSONObjectUtils.parse(discovery.body());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            try {
                if (storage != null) {
                    storage.close();
                }
            } finally {
                if (keycloak != null) {
                    keycloak.close();
                }
            }
        }
    }

    // ---- Keycloak's tokens: what the realm gives each client ------------------------------------

    @Nested
    class KeycloakTokens {

        @ParameterizedTest(name = "{0}")
        @EnumSource(TrialClients.class)
        void carryExactlyTheReadmeScopesAndTheClaimsTheServerReads(TrialClients client) throws Exception {
            String clientId = CLIENT_IDS.get(client);
            Map<String, Object> answer = tokenResponse(clientId, secrets.get(clientId), null);
            assertEquals("Bearer", answer.get("token_type"), answer::toString);
            assertEquals(scopes(client.scopes), scopes((String) answer.get("scope")), "the token response's scope");

            SignedJWT jwt = SignedJWT.parse((String) answer.get("access_token"));
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            assertAll(
                    () -> assertEquals(JWSAlgorithm.RS256, jwt.getHeader().getAlgorithm()),
                    () -> assertNotNull(jwt.getHeader().getKeyID(), "kid"),
                    () -> assertEquals(keycloak.issuer(), claims.getIssuer()),
                    () -> assertEquals(List.of(AUDIENCE), claims.getAudience(), "aud: the server, and nothing else"),
                    () -> assertEquals(clientId, claims.getStringClaim("client_id"), "client_id (RFC 9068)"),
                    () -> assertEquals(clientId, claims.getStringClaim("azp")),
                    () -> assertNotNull(claims.getSubject(), "sub"),
                    () -> assertNotNull(claims.getExpirationTime(), "exp"),
                    // Only the SMART scopes: none of Keycloak's defaults (profile, email, roles …).
                    () -> assertEquals(scopes(client.scopes), scopes(claims.getStringClaim("scope")), "scope"));
        }

        @Test
        void aClientCannotAskForAScopeItWasNotGiven() throws Exception {
            Http.Response refused = tokenRequest("research-system", secrets.get("research-system"), "system/*.cruds");

            assertEquals(400, refused.status(), refused::toString);
            assertEquals("invalid_scope", JSONObjectUtils.parse(refused.body()).get("error"), refused::toString);
        }

        @Test
        void aWrongSecretGetsNoToken() {
            Http.Response refused = tokenRequest("data-manager", "not-the-secret", null);

            assertEquals(401, refused.status(), refused::toString);
            assertFalse(refused.body().contains("access_token"), refused::toString);
        }

        @Test
        void theClientsHaveNoOtherGrant() throws Exception {
            Http.Response password = Http.send("POST", tokenEndpoint(), "application/x-www-form-urlencoded",
                    "grant_type=password&username=someone&password=secret",
                    "Authorization", basic("data-manager", secrets.get("data-manager")));

            assertEquals(400, password.status(), password::toString);
            assertEquals("unauthorized_client", JSONObjectUtils.parse(password.body()).get("error"), password::toString);
        }
    }

    // ---- discovery: the server names Keycloak's endpoints ----------------------------------------

    @Nested
    class Discovery {

        @Test
        void theSmartConfigurationNamesKeycloaksEndpoints() throws Exception {
            Http.Response answer = Http.get(fhir.uri(".well-known/smart-configuration"));

            assertEquals(200, answer.status(), answer::toString);
            Map<String, Object> configuration = JSONObjectUtils.parse(answer.body());
            assertEquals(keycloak.issuer(), configuration.get("issuer"));
            assertEquals(keycloakDiscovery.get("token_endpoint"), configuration.get("token_endpoint"));
            assertEquals(keycloak.issuer() + "/protocol/openid-connect/token", configuration.get("token_endpoint"));
            assertEquals(keycloakDiscovery.get("jwks_uri"), configuration.get("jwks_uri"));
            assertTrue(((List<?>) configuration.get("token_endpoint_auth_methods_supported"))
                    .containsAll(List.of("client_secret_basic", "private_key_jwt")), answer.body());
        }

        @Test
        void theCapabilityStatementNamesKeycloaksTokenEndpoint() {
            Http.Response answer = Http.get(fhir.uri("metadata"));

            assertEquals(200, answer.status(), answer::toString);
            CapabilityStatementRestSecurityComponent security = answer.resource(CapabilityStatement.class)
                    .getRestFirstRep().getSecurity();
            assertEquals("SMART-on-FHIR", security.getServiceFirstRep().getCodingFirstRep().getCode());
            assertEquals(keycloakDiscovery.get("token_endpoint"), security
                    .getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
                    .getExtensionString("token"));
        }
    }

    // ---- refused tokens ---------------------------------------------------------------------------

    @Nested
    class Refusals {

        @Test
        void withoutATokenTheAnswerIsABearerChallenge() {
            Http.Response refused = Http.get(fhir.uri("Patient"));

            assertEquals(401, refused.status(), refused::toString);
            assertEquals("Bearer realm=\"" + AUDIENCE + "\"", refused.header("WWW-Authenticate"));
            assertEquals(OperationOutcome.IssueType.LOGIN, refused.operationOutcome().getIssueFirstRep().getCode());
        }

        @Test
        void aKeycloakTokenWithATamperedSignatureIsRefused() {
            String token = token(TrialClients.ADMIN);
            assertEquals(200, get("Patient?_count=1", token).status(), "the untouched token is accepted");

            String[] parts = token.split("\\.");
            char[] signature = parts[2].toCharArray();
            int middle = signature.length / 2;
            signature[middle] = signature[middle] == 'A' ? 'B' : 'A';
            String tampered = parts[0] + "." + parts[1] + "." + new String(signature);

            assertInvalidToken(get("Patient?_count=1", tampered), "signature");
        }

        @Test
        void aKeycloakTokenWhoseScopesWereRaisedIsRefused() throws Exception {
            String token = token(TrialClients.RESEARCH);
            String[] parts = token.split("\\.");
            Map<String, Object> claims = JSONObjectUtils.parse(
                    new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            claims.put("scope", TrialClients.ADMIN.scopes);
            String raised = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                    JSONObjectUtils.toJSONString(claims).getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

            Http.Response refused = send("DELETE", "Patient/" + adminCreate(patient(unique("Raised"))), null, raised);
            assertInvalidToken(refused, "signature");
        }

        private void assertInvalidToken(Http.Response refused, String reason) {
            assertEquals(401, refused.status(), refused::toString);
            String challenge = refused.header("WWW-Authenticate");
            assertNotNull(challenge, "WWW-Authenticate");
            assertTrue(challenge.startsWith("Bearer realm=\"" + AUDIENCE + "\", error=\"invalid_token\""), challenge);
            String diagnostics = refused.operationOutcome().getIssueFirstRep().getDiagnostics();
            assertTrue(diagnostics.contains(reason), diagnostics);
        }
    }

    // ---- what each client may do with its Keycloak token ------------------------------------------

    @Nested
    class EhrIntegration {

        @Test
        void createsPatientsAndObservations() {
            String family = unique("KcEhr");
            Http.Response patient = send("POST", "Patient", TrialExamples.json(patient(family)), token(TrialClients.EHR));
            assertEquals(201, patient.status(), patient::toString);
            String patientId = new IdType(patient.header("Location")).getIdPart();

            Http.Response observation = send("POST", "Observation", TrialExamples.json(
                    heartRate("Patient/" + patientId, "2024-03-01T09:15:00+01:00", 70)), token(TrialClients.EHR));
            assertEquals(201, observation.status(), observation::toString);

            // Stored, as the data manager sees.
            assertEquals(1, count("Patient?" + identifierParam(family)));
            assertEquals(1, count("Observation?subject=Patient/" + patientId));
        }

        @Test
        void cannotSearchObservationsNorReadPatients() {
            String patientId = adminCreate(patient(unique("KcEhrRead")));

            Http.Response search = get("Observation?subject=Patient/" + patientId, token(TrialClients.EHR));
            assertForbidden(search, "Searching Observation needs the scope system/Observation.s", "system/Observation.s");

            Http.Response read = get("Patient/" + patientId, token(TrialClients.EHR));
            assertForbidden(read, "Reading Patient needs the scope system/Patient.r", "system/Patient.r");
        }

        @Test
        void cannotDelete() {
            Http.Response delete = send("DELETE", "Patient/" + adminCreate(patient(unique("KcEhrDelete"))), null,
                    token(TrialClients.EHR));
            assertForbidden(delete, "Deleting Patient needs the scope system/Patient.d", "system/Patient.d");
        }
    }

    @Nested
    class ResearchSystem {

        @Test
        void searchesAndReads() {
            String family = unique("KcResearch");
            String patientId = adminCreate(patient(family));
            adminCreate(heartRate("Patient/" + patientId, "2024-03-01T09:15:00+01:00", 72));

            Http.Response search = get("Observation?subject=Patient/" + patientId, token(TrialClients.RESEARCH));
            assertEquals(200, search.status(), search::toString);
            assertEquals(1, search.resource(Bundle.class).getEntry().size(), search::toString);

            Http.Response read = get("Patient/" + patientId, token(TrialClients.RESEARCH));
            assertEquals(200, read.status(), read::toString);
            // Without dpn/identified the research system reads the pseudonymised view.
            Patient seen = read.resource(Patient.class);
            assertEquals(patientId, seen.getIdElement().getIdPart());
            assertFalse(read.body().contains(family), read::toString);
            assertTrue(seen.getMeta().getSecurity().stream().anyMatch(label -> "PSEUDED".equals(label.getCode())),
                    read::toString);
        }

        @Test
        void cannotCreate() {
            String family = unique("KcResearchCreate");
            Http.Response refused = send("POST", "Patient", TrialExamples.json(patient(family)), token(TrialClients.RESEARCH));

            assertForbidden(refused, "Creating Patient needs the scope system/Patient.c (or system/*.c). "
                    + "The access token grants: system/*.rs", "system/Patient.c");
            assertEquals(0, count("Patient?" + identifierParam(family)), "nothing stored");
        }

        @Test
        void cannotReadTheAuditTrail() {
            assertForbidden(get("AuditEvent?_count=1", token(TrialClients.RESEARCH)),
                    "Searching AuditEvent needs the scope system/AuditEvent.s", "system/AuditEvent.s");
        }
    }

    @Nested
    class Integrator {

        @Test
        void validates() {
            Http.Response answer = send("POST", "Observation/$validate",
                    TrialExamples.json(heartRate("Patient/x", "2024-03-01T09:15:00+01:00", 74)), token(TrialClients.INTEGRATOR));

            assertEquals(200, answer.status(), answer::toString);
            assertEquals("OperationOutcome", answer.resource().fhirType());
        }

        @Test
        void cannotReadSearchOrCreate() {
            String patientId = adminCreate(patient(unique("KcIntegrator")));
            String token = token(TrialClients.INTEGRATOR);

            assertForbidden(get("Patient/" + patientId, token), "Reading Patient needs", "system/Patient.r");
            assertForbidden(get("Patient?_id=" + patientId, token), "Searching Patient needs", "system/Patient.s");
            assertForbidden(send("POST", "Patient", TrialExamples.json(patient(unique("KcIntegrator"))), token),
                    "Creating Patient needs", "system/Patient.c");
        }
    }

    @Nested
    class DataManager {

        @Test
        void createsReadsSearchesUpdatesAndDeletes() {
            String family = unique("KcAdmin");
            String token = token(TrialClients.ADMIN);
            Http.Response created = send("POST", "Patient", TrialExamples.json(patient(family)), token);
            assertEquals(201, created.status(), created::toString);
            String id = new IdType(created.header("Location")).getIdPart();

            assertEquals(200, get("Patient/" + id, token).status());
            Http.Response search = get("Patient?" + identifierParam(family), token);
            assertEquals(200, search.status(), search::toString);
            assertEquals(1, search.resource(Bundle.class).getEntry().size(), search::toString);

            Patient changed = patient(family);
            changed.setId(id);
            changed.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
            Http.Response updated = send("PUT", "Patient/" + id, TrialExamples.json(changed), token);
            assertEquals(200, updated.status(), updated::toString);

            Http.Response deleted = send("DELETE", "Patient/" + id, null, token);
            assertEquals(200, deleted.status(), deleted::toString);
            assertEquals(410, get("Patient/" + id, token).status());
        }

        @Test
        void importsTheTrialFromItsRegistryRecord() {
            Http.Response imported = Http.send("POST", fhir.uri("ResearchStudy/$import-ctgov"), "application/json",
                    registryRecord(), "Authorization", "Bearer " + token(TrialClients.ADMIN));

            assertEquals(200, imported.status(), imported::toString);
            Http.Response study = get("ResearchStudy/release-dpn", token(TrialClients.ADMIN));
            assertEquals(200, study.status(), study::toString);
        }

        @Test
        void writesConformanceResources() {
            String id = "kc-" + UUID.randomUUID().toString().substring(0, 8);
            Http.Response written = send("PUT", "StructureDefinition/" + id,
                    TrialExamples.json(ExampleProfiles.birthDateRequired(id)), token(TrialClients.ADMIN));

            assertEquals(201, written.status(), written::toString);
            // … which the EHR integration may not.
            String other = "kc-" + UUID.randomUUID().toString().substring(0, 8);
            assertEquals(403, send("PUT", "StructureDefinition/" + other,
                    TrialExamples.json(ExampleProfiles.birthDateRequired(other)), token(TrialClients.EHR)).status());
        }

        @Test
        void readsTheAuditTrail() {
            Http.Response answer = get("AuditEvent?_count=1", token(TrialClients.ADMIN));

            assertEquals(200, answer.status(), answer::toString);
            assertEquals("Bundle", answer.resource().fhirType());
        }
    }

    // ---- helpers ---------------------------------------------------------------------------------

    /** A token of {@code client} from Keycloak, fetched anew when the last one is older than two minutes. */
    private String token(TrialClients client) {
        Token cached = tokens.get(client);
        if (cached == null || cached.fetched().isBefore(Instant.now().minus(Duration.ofMinutes(2)))) {
            String clientId = CLIENT_IDS.get(client);
            cached = new Token((String) tokenResponse(clientId, secrets.get(clientId), null).get("access_token"),
                    Instant.now());
            tokens.put(client, cached);
        }
        return cached.value();
    }

    /** The client-credentials grant at the token endpoint the server's SMART configuration names. */
    private Map<String, Object> tokenResponse(String clientId, String secret, String scope) {
        Http.Response answer = tokenRequest(clientId, secret, scope);
        if (answer.status() != 200) {
            throw new AssertionError("Keycloak gave " + clientId + " no token: " + answer);
        }
        try {
            return JSONObjectUtils.parse(answer.body());
        } catch (java.text.ParseException e) {
            throw new AssertionError("Keycloak's token response is no JSON object: " + answer, e);
        }
    }

    private Http.Response tokenRequest(String clientId, String secret, String scope) {
        String form = "grant_type=client_credentials"
                + (scope == null ? "" : "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8));
        return Http.send("POST", tokenEndpoint(), "application/x-www-form-urlencoded", form,
                "Authorization", basic(clientId, secret));
    }

    private URI tokenEndpoint() {
        Http.Response smart = Http.get(fhir.uri(".well-known/smart-configuration"));
        if (smart.status() != 200) {
            throw new AssertionError("The server's SMART configuration: " + smart);
        }
        try {
            return URI.create((String) JSONObjectUtils.parse(smart.body()).get("token_endpoint"));
        } catch (java.text.ParseException e) {
            throw new AssertionError(smart.toString(), e);
        }
    }

    /** RFC 6749 2.3.1: client id and secret, each form-encoded, as HTTP Basic credentials. */
    private static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The clients' secrets, from the realm file an operator imports (so the test uses the file as it is). */
    private void readSecrets() throws IOException, java.text.ParseException {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(keycloak.realmFile()));
        assertEquals(KeycloakProcess.REALM, realm.get("realm"));
        for (Object client : (List<?>) realm.get("clients")) {
            Map<?, ?> fields = (Map<?, ?>) client;
            secrets.put((String) fields.get("clientId"), (String) fields.get("secret"));
        }
        assertEquals(new TreeSet<>(CLIENT_IDS.values()), new TreeSet<>(secrets.keySet()), "the realm's clients");
    }

    private static Set<String> scopes(String spaceSeparated) {
        return new TreeSet<>(Arrays.asList(spaceSeparated.trim().split(" +")));
    }

    private Http.Response get(String path, String token) {
        return Http.get(fhir.uri(path), "Authorization", "Bearer " + token);
    }

    private Http.Response send(String method, String path, String body, String token) {
        if (body == null) {
            return Http.send(method, fhir.uri(path), null, new byte[0], "Authorization", "Bearer " + token);
        }
        return Http.send(method, fhir.uri(path), FHIR_JSON, body, "Authorization", "Bearer " + token);
    }

    private static void assertForbidden(Http.Response refused, String diagnosticsStart, String neededScope) {
        assertEquals(403, refused.status(), refused::toString);
        String diagnostics = refused.operationOutcome().getIssueFirstRep().getDiagnostics();
        assertTrue(diagnostics.startsWith(diagnosticsStart), diagnostics);
        assertEquals(OperationOutcome.IssueType.FORBIDDEN, refused.operationOutcome().getIssueFirstRep().getCode());
        assertEquals("Bearer realm=\"" + AUDIENCE + "\", error=\"insufficient_scope\", scope=\"" + neededScope + "\"",
                refused.header("WWW-Authenticate"));
    }

    /** Stores {@code resource} as the data manager and gives its id. */
    private String adminCreate(Resource resource) {
        Http.Response created = send("POST", resource.fhirType(), TrialExamples.json(resource), token(TrialClients.ADMIN));
        if (created.status() != 201) {
            throw new AssertionError("Set-up: creating a " + resource.fhirType() + " was refused: " + created);
        }
        return new IdType(created.header("Location")).getIdPart();
    }

    /** How many resources a search finds, asked as the data manager. */
    private int count(String search) {
        Http.Response answer = get(search + (search.contains("?") ? "&" : "?") + "_summary=count", token(TrialClients.ADMIN));
        if (answer.status() != 200) {
            throw new AssertionError("Counting " + search + " failed: " + answer);
        }
        return answer.resource(Bundle.class).getTotal();
    }

    private static String registryRecord() {
        try (InputStream in = KeycloakEndToEndTest.class.getResourceAsStream("/ctgov/NCT07183761.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
