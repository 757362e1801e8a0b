package org.releasedpn.fhir.security;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.heartRate;
import static org.releasedpn.fhir.testsupport.Resources.identifierParam;
import static org.releasedpn.fhir.testsupport.Resources.organization;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.study.ctgov.ImportCtgovCommand;
import org.releasedpn.fhir.testsupport.ExampleProfiles;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.ServerWithTokens;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestIdentityProvider;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * A server that requires access tokens of a test identity provider: which tokens are refused (401),
 * what each of the trial's four clients may and may not do with its scopes (the matrix, 403 naming
 * the missing scope), and the SMART discovery. One server per database for the whole suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SmartOnFhirSuite {
    private ServerWithTokens running;
    private TestIdentityProvider idp;
    private FhirServer server;
    private FhirEndpoint fhir;

    abstract Storage newStorage();

    @BeforeAll
    void start() throws Exception {
        running = ServerWithTokens.start(newStorage());
        idp = running.idp();
        server = running.server();
        fhir = running.fhir();
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    // ---- authentication: which tokens are refused ---------------------------------------------

    @Nested
    class BearerTokens {

        @Test
        void withoutATokenOnlyTheChallengeIsAnswered() {
            Http.Response refused = Http.get(fhir.uri("Patient"));

            assertEquals(401, refused.status(), refused::toString);
            assertEquals("Bearer realm=\"" + TestIdentityProvider.AUDIENCE + "\"", refused.header("WWW-Authenticate"));
            OperationOutcome outcome = refused.operationOutcome();
            assertEquals(OperationOutcome.IssueType.LOGIN, outcome.getIssueFirstRep().getCode());
            assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("Authorization: Bearer"), refused::toString);
        }

        @Test
        void anotherAuthenticationSchemeIsTreatedAsNoToken() {
            Http.Response refused = Http.get(fhir.uri("Patient"), "Authorization", "Basic ZWhyOnNlY3JldA==");

            assertEquals(401, refused.status(), refused::toString);
            assertFalse(refused.header("WWW-Authenticate").contains("error="), refused.header("WWW-Authenticate"));
        }

        @Test
        void aWriteWithoutATokenIsRefusedAndStoresNothing() {
            String family = unique("NoToken");
            Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(patient(family)));

            assertEquals(401, refused.status(), refused::toString);
            assertEquals(0, count("Patient?" + identifierParam(family)));
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"not a token", "abc.def.ghi", "eyJhbGciOiJSUzI1NiJ9.e30", "Zm9v"})
        void malformedTokens(String token) {
            assertInvalidToken(token, "");
        }

        @Test
        void expired() {
            Instant past = Instant.now().minus(Duration.ofMinutes(10));
            assertInvalidToken(idp.token(claims -> scoped(claims).issueTime(Date.from(past.minusSeconds(300)))
                    .expirationTime(Date.from(past))), "expired");
        }

        @Test
        void expiredWithinTheClockSkewIsStillAccepted() {
            Instant justNow = Instant.now().minusSeconds(20);
            assertEquals(200, get("Patient", idp.token(claims -> scoped(claims).expirationTime(Date.from(justNow))))
                    .status());
        }

        @Test
        void notYetValid() {
            Instant later = Instant.now().plus(Duration.ofMinutes(5));
            assertInvalidToken(idp.token(claims -> scoped(claims).notBeforeTime(Date.from(later))), "not valid yet");
        }

        @Test
        void withoutExpiry() {
            assertInvalidToken(idp.token(claims -> scoped(claims).expirationTime(null)), "lacks a required claim (claims: [exp])");
        }

        @Test
        void anotherIssuer() {
            assertInvalidToken(idp.token(claims -> scoped(claims).issuer("https://sso.example.org/realms/other")),
                    "not issued by " + idp.issuer());
        }

        @Test
        void anotherAudience() {
            assertInvalidToken(idp.token(claims -> scoped(claims).audience("https://other.example.org/fhir")),
                    "not meant for this server");
        }

        @Test
        void unsignedAlgNone() {
            PlainJWT unsigned = new PlainJWT(new PlainHeader(), scoped(idp.validClaims()).build());
            assertInvalidToken(unsigned.serialize(), "alg none");
        }

        @Test
        void hmacSignedWithThePublicKey() throws Exception {
            // The classic confusion attack: the server's "RS256 key" used as an HS256 secret.
            byte[] publicKey = idp.rsaKey().toRSAPublicKey().getEncoded();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(idp.rsaKey().getKeyID()).build(),
                    scoped(idp.validClaims()).build());
            forged.sign(new MACSigner(publicKey));
            assertInvalidToken(forged.serialize(), "RS256 or ES256");
        }

        @Test
        void signedByAKeyTheIssuerDoesNotHave() {
            RSAKey rogue = TestIdentityProvider.newRsaKey("rogue-" + UUID.randomUUID());
            assertInvalidToken(TestIdentityProvider.sign(scoped(idp.validClaims()).build(), rogue, JWSAlgorithm.RS256),
                    "current key of");
        }

        @Test
        void signedByAnotherKeyUnderTheIssuersKeyId() {
            RSAKey impostor = TestIdentityProvider.newRsaKey(idp.rsaKey().getKeyID());
            assertInvalidToken(TestIdentityProvider.sign(scoped(idp.validClaims()).build(), impostor, JWSAlgorithm.RS256),
                    "signature does not verify");
        }

        @Test
        void anAlgorithmOtherThanRs256OrEs256() {
            assertInvalidToken(TestIdentityProvider.sign(scoped(idp.validClaims()).build(), idp.rsaKey(), JWSAlgorithm.RS384),
                    "RS256 or ES256");
        }

        @Test
        void es256TokensAreAccepted() {
            String token = TestIdentityProvider.sign(scoped(idp.validClaims()).build(), idp.ecKey(), JWSAlgorithm.ES256);
            assertEquals(200, get("Patient", token).status());
        }

        @Test
        void scopesMayComeAsAnScpList() {
            String token = idp.token(claims -> claims.claim("scp", List.of("system/Patient.rs")));
            assertEquals(200, get("Patient", token).status());
            assertEquals(403, get("Observation", token).status());
        }

        @Test
        void aTokenInTheUrlIsRefused() {
            String token = idp.token(TrialClients.RESEARCH.scopes);
            Http.Response refused = Http.get(fhir.uri("Patient?access_token=" + token), "Authorization", "Bearer " + token);

            assertEquals(400, refused.status(), refused::toString);
            assertTrue(refused.header("WWW-Authenticate").contains("error=\"invalid_request\""));
            assertFalse(refused.body().contains(token));
        }

        @Test
        void twoAuthorizationHeadersAreRefused() {
            String token = idp.token(TrialClients.RESEARCH.scopes);
            Http.Response refused = Http.get(fhir.uri("Patient"), "Authorization", "Bearer " + token,
                    "Authorization", "Bearer " + token);

            assertEquals(400, refused.status(), refused::toString);
        }

        @Test
        void theKeySetIsFetchedOnceAndCached() {
            String token = idp.token(TrialClients.RESEARCH.scopes);
            assertEquals(200, get("Patient", token).status());
            int fetches = idp.keySetFetches();

            for (int i = 0; i < 5; i++) {
                assertEquals(200, get("Patient", idp.token(TrialClients.RESEARCH.scopes)).status());
            }

            assertTrue(fetches >= 1, "fetched at least once");
            assertEquals(fetches, idp.keySetFetches(), "no fetch for tokens signed by a known key");
        }

        @Test
        void aRotatedKeyIsAcceptedWithoutRestart() throws InterruptedException {
            assertEquals(200, get("Patient", idp.token(TrialClients.RESEARCH.scopes)).status()); // keys are cached
            RSAKey next = TestIdentityProvider.newRsaKey("rsa-" + UUID.randomUUID());
            idp.publish(next);
            String token = TestIdentityProvider.sign(scoped(idp.validClaims()).build(), next, JWSAlgorithm.RS256);

            // An unknown key id makes the server fetch the key set again at once, unless it already did
            // twice in the last 30 s (forged key ids must not make it hammer the provider).
            Instant deadline = Instant.now().plusSeconds(35);
            Http.Response answer = get("Patient", token);
            while (answer.status() == 401 && Instant.now().isBefore(deadline)) {
                Thread.sleep(1000);
                answer = get("Patient", token);
            }
            assertEquals(200, answer.status(), answer::toString);
        }

        @Test
        void theCapabilityStatementAndTheSmartConfigurationArePublic() {
            assertEquals(200, Http.get(fhir.uri("metadata")).status());
            assertEquals(200, Http.get(fhir.uri(".well-known/smart-configuration")).status());
            assertEquals(401, Http.send("POST", fhir.uri("metadata"), FHIR_JSON, "{}").status());
        }

        private void assertInvalidToken(String token, String reason) {
            Http.Response refused = get("Patient", token);

            assertEquals(401, refused.status(), refused::toString);
            String challenge = refused.header("WWW-Authenticate");
            assertNotNull(challenge, "WWW-Authenticate");
            assertTrue(challenge.startsWith("Bearer realm=\"" + TestIdentityProvider.AUDIENCE + "\", error=\"invalid_token\", "
                    + "error_description=\""), challenge);
            String diagnostics = refused.operationOutcome().getIssueFirstRep().getDiagnostics();
            assertTrue(diagnostics.contains(reason), diagnostics);
            assertFalse(refused.body().contains(token) || challenge.contains(token), "the token is never echoed");
        }
    }

    // ---- authorization: the trial's clients and their scopes ---------------------------------

    @Nested
    class Scopes {

        /** Each interaction as each client, with the status it must get: 403 means refused for lack of scope. */
        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
                # interaction              | EHR | research | admin | integrator
                read Patient               | 403 | 200      | 200   | 403
                vread Patient              | 403 | 200      | 200   | 403
                search Patient             | 403 | 200      | 200   | 403
                history Patient            | 403 | 200      | 200   | 403
                create Patient             | 201 | 403      | 201   | 403
                create Observation         | 201 | 403      | 201   | 403
                update Patient             | 200 | 403      | 200   | 403
                patch Patient              | 200 | 403      | 200   | 403
                delete Patient             | 403 | 403      | 200   | 403
                transaction                | 200 | 403      | 200   | 403
                batch                      | 200 | 403      | 200   | 403
                $validate                  | 200 | 403      | 200   | 200
                $validate of a stored one  | 403 | 403      | 200   | 403
                $expand                    | 200 | 403      | 200   | 200
                $lookup                    | 200 | 403      | 200   | 200
                $validate-code             | 200 | 403      | 200   | 200
                $import-ctgov              | 403 | 403      | 200   | 403
                write a StructureDefinition | 403 | 403     | 201   | 403
                search AuditEvent          | 403 | 403      | 200   | 403
                metadata                   | 200 | 200      | 200   | 200
                smart-configuration        | 200 | 200      | 200   | 200
                """)
        void matrix(String interaction, int ehr, int research, int admin, int integrator) {
            Map<TrialClients, Integer> expected = Map.of(TrialClients.EHR, ehr, TrialClients.RESEARCH, research,
                    TrialClients.ADMIN, admin, TrialClients.INTEGRATOR, integrator);
            assertAll(expected.entrySet().stream().map(client -> () -> {
                Http.Response answer = interaction(interaction).apply(idp.token(client.getKey().scopes));
                assertEquals(client.getValue(), answer.status(), client.getKey() + ": " + interaction + " → " + answer);
                if (answer.status() == 403) {
                    assertNeedsAScope(answer);
                }
            }));
        }

        @Test
        void aTransactionWithOneForbiddenEntryIsRefusedWholeAndStoresNothing() {
            String family = unique("TxnForbidden");
            Bundle transaction = bundle(BundleType.TRANSACTION, patient(family), organization(family));

            Http.Response refused = send("POST", "", TrialExamples.json(transaction), TrialClients.EHR);

            assertEquals(403, refused.status(), refused::toString);
            assertTrue(diagnostics(refused).startsWith("Creating Organization needs the scope system/Organization.c"),
                    refused::toString);
            assertEquals(0, count("Patient?" + identifierParam(family)));
            assertEquals(0, count("Organization?name=" + family));
        }

        @Test
        void aTransactionAnswerMayShowWhatWasWritten() {
            String family = unique("TxnRepresentation");
            Http.Response answer = send("POST", "", TrialExamples.json(bundle(BundleType.TRANSACTION, patient(family))),
                    TrialClients.EHR, "Prefer", "return=representation");

            assertEquals(200, answer.status(), answer::toString);
            assertEquals(family, ((org.hl7.fhir.r4.model.Patient) answer.resource(Bundle.class).getEntryFirstRep()
                    .getResource()).getNameFirstRep().getFamily());
        }

        @Test
        void aBatchReadsOnlyWhatTheTokenMayRead() {
            String id = adminCreate(patient(unique("BatchRead")));
            Bundle batch = new Bundle().setType(BundleType.BATCH);
            batch.addEntry().getRequest().setMethod(HTTPVerb.GET).setUrl("Patient/" + id);
            batch.addEntry().setResource(patient(unique("BatchWrite"))).getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");

            Http.Response answer = send("POST", "", TrialExamples.json(batch), TrialClients.EHR);

            assertEquals(200, answer.status(), answer::toString);
            List<Bundle.BundleEntryComponent> entries = answer.resource(Bundle.class).getEntry();
            assertTrue(entries.get(0).getResponse().getStatus().startsWith("403"), answer::toString);
            assertFalse(entries.get(0).hasResource() && entries.get(0).getResource().fhirType().equals("Patient"));
            assertTrue(entries.get(1).getResponse().getStatus().startsWith("201"), answer::toString);
        }

        @Test
        void conditionalCreateNeedsOnlyCreate() {
            String family = unique("EhrConditional");
            Http.Response first = send("POST", "Patient", TrialExamples.json(patient(family)), TrialClients.EHR,
                    "If-None-Exist", identifierParam(family));
            Http.Response second = send("POST", "Patient", TrialExamples.json(patient(family)), TrialClients.EHR,
                    "If-None-Exist", identifierParam(family));

            assertEquals(201, first.status(), first::toString);
            assertEquals(200, second.status(), second::toString);
            assertEquals(1, count("Patient?" + identifierParam(family)));
        }

        @Test
        void validateInModeCreateRehearsesTheWriteWithoutNeedingAWriteScope() {
            Http.Response answer = send("POST", "Patient/$validate?mode=create",
                    TrialExamples.json(patient(unique("Rehearsal"))), TrialClients.INTEGRATOR);

            assertEquals(200, answer.status(), answer::toString);
            OperationOutcome outcome = answer.operationOutcome();
            assertEquals(OperationOutcome.IssueSeverity.INFORMATION, outcome.getIssueFirstRep().getSeverity(), answer::toString);
            assertTrue(outcome.getIssueFirstRep().getDiagnostics().contains("rehearsal of the create"), answer::toString);
        }

        @Test
        void readWithoutSearchAndSearchWithoutRead() {
            String id = adminCreate(patient(unique("ReadOnly")));
            String readOnly = idp.token("system/Patient.r");
            String searchOnly = idp.token("system/Patient.s");

            assertEquals(200, get("Patient/" + id, readOnly).status());
            assertEquals(200, get("Patient/" + id + "/_history", readOnly).status());
            Http.Response noSearch = get("Patient?_id=" + id, readOnly);
            assertEquals(403, noSearch.status(), noSearch::toString);
            assertTrue(diagnostics(noSearch).startsWith("Searching Patient needs the scope system/Patient.s"), noSearch::toString);

            assertEquals(200, get("Patient?_id=" + id, searchOnly).status());
            Http.Response noRead = get("Patient/" + id, searchOnly);
            assertEquals(403, noRead.status(), noRead::toString);
            assertTrue(diagnostics(noRead).startsWith("Reading Patient needs the scope system/Patient.r"), noRead::toString);
        }

        @Test
        void smartV1ScopesReadAndWrite() {
            String patientId = adminCreate(patient(unique("V1")));
            String token = idp.token("system/Patient.read system/Observation.write");

            assertEquals(200, get("Patient/" + patientId, token).status());
            assertEquals(200, get("Patient?_id=" + patientId, token).status());
            assertEquals(201, send("POST", "Observation",
                    TrialExamples.json(heartRate("Patient/" + patientId, "2024-03-01T09:15:00+01:00", 71)), token).status());
            assertEquals(403, send("POST", "Patient", TrialExamples.json(patient(unique("V1"))), token).status());
            assertEquals(403, get("Observation?subject=Patient/" + patientId, token).status());
        }

        @Test
        void includedResourcesNeedTheirOwnScope() {
            String patientId = adminCreate(patient(unique("Include")));
            adminCreate(heartRate("Patient/" + patientId, "2024-03-01T09:15:00+01:00", 72));
            String token = idp.token("system/Observation.rs");

            assertEquals(200, get("Observation?subject=Patient/" + patientId, token).status());
            Http.Response refused = get("Observation?subject=Patient/" + patientId + "&_include=Observation:subject", token);
            assertEquals(403, refused.status(), refused::toString);
            assertTrue(diagnostics(refused).startsWith("Showing Patient in the answer needs the scope system/Patient.r"),
                    refused::toString);
        }

        @Test
        void theTrialAndTheConformanceResourcesNeedTheAdministratorScope() {
            String everything = idp.token("system/*.cruds");
            Http.Response profile = send("PUT", "StructureDefinition/no-admin",
                    TrialExamples.json(ExampleProfiles.birthDateRequired("no-admin")), everything);
            Http.Response trial = Http.send("PATCH", fhir.uri("ResearchStudy/release-dpn"), "application/json-patch+json",
                    "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"withdrawn\"}]", "Authorization", "Bearer " + everything);

            assertEquals(403, profile.status(), profile::toString);
            assertTrue(diagnostics(profile).contains("system/StructureDefinition.u and dpn/admin")
                    || diagnostics(profile).contains("system/StructureDefinition.c and dpn/admin"), profile::toString);
            assertEquals(403, trial.status(), trial::toString);
            assertTrue(diagnostics(trial).startsWith("Updating ResearchStudy needs the scopes system/ResearchStudy.u and dpn/admin"),
                    trial::toString);
            assertEquals(200, get("ResearchStudy/release-dpn", everything).status());
        }

        @Test
        void aForbiddenAnswerSaysWhichScopeWasMissingAndWhatTheTokenHas() {
            Http.Response refused = send("POST", "Patient", TrialExamples.json(patient(unique("Research"))),
                    TrialClients.RESEARCH);

            assertEquals(403, refused.status(), refused::toString);
            assertEquals("Creating Patient needs the scope system/Patient.c (or system/*.c). The access token grants: "
                    + "system/*.rs", diagnostics(refused));
            assertEquals(OperationOutcome.IssueType.FORBIDDEN, refused.operationOutcome().getIssueFirstRep().getCode());
            assertEquals("Bearer realm=\"" + TestIdentityProvider.AUDIENCE + "\", error=\"insufficient_scope\", "
                    + "scope=\"system/Patient.c\"", refused.header("WWW-Authenticate"));
        }

        private Function<String, Http.Response> interaction(String name) {
            return switch (name) {
                case "read Patient" -> token -> get("Patient/" + adminCreate(patient(unique("Read"))), token);
                case "vread Patient" -> token -> get("Patient/" + adminCreate(patient(unique("Vread"))) + "/_history/1", token);
                case "search Patient" -> token -> get("Patient?gender=other&_lastUpdated=gt2100-01-01", token);
                case "history Patient" -> token -> get("Patient/" + adminCreate(patient(unique("History"))) + "/_history", token);
                case "create Patient" -> token -> send("POST", "Patient", TrialExamples.json(patient(unique("Create"))), token);
                case "create Observation" -> token -> send("POST", "Observation", TrialExamples.json(heartRate(
                        "Patient/" + adminCreate(patient(unique("Subject"))), "2024-03-01T09:15:00+01:00", 70)), token);
                case "update Patient" -> token -> {
                    org.hl7.fhir.r4.model.Patient changed = patient(unique("Update"));
                    changed.setId(adminCreate(changed));
                    changed.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
                    return send("PUT", "Patient/" + changed.getIdElement().getIdPart(), TrialExamples.json(changed), token);
                };
                case "patch Patient" -> token -> Http.send("PATCH", fhir.uri("Patient/" + adminCreate(patient(unique("Patch")))),
                        "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/gender\",\"value\":\"female\"}]",
                        "Authorization", "Bearer " + token);
                case "delete Patient" -> token -> Http.delete(fhir.uri("Patient/" + adminCreate(patient(unique("Delete")))),
                        "Authorization", "Bearer " + token);
                case "transaction" -> token -> {
                    String subject = "urn:uuid:" + UUID.randomUUID();
                    Bundle transaction = bundle(BundleType.TRANSACTION, patient(unique("Txn")),
                            heartRate(subject, "2024-03-01T09:15:00+01:00", 73));
                    transaction.getEntryFirstRep().setFullUrl(subject);
                    return send("POST", "", TrialExamples.json(transaction), token);
                };
                case "batch" -> token -> send("POST", "", TrialExamples.json(bundle(BundleType.BATCH, patient(unique("Batch")))), token);
                case "$validate" -> token -> send("POST", "Observation/$validate",
                        TrialExamples.json(heartRate("Patient/x", "2024-03-01T09:15:00+01:00", 74)), token);
                case "$validate of a stored one" -> token -> get("Patient/" + adminCreate(patient(unique("Stored"))) + "/$validate", token);
                case "$expand" -> token -> get("ValueSet/$expand?url=http://fhir.release-dpn.org/ValueSet/msc-visit", token);
                case "$lookup" -> token -> get("CodeSystem/$lookup?system=http://fhir.release-dpn.org/CodeSystem/tcss"
                        + "&code=reflex-knee-left", token);
                case "$validate-code" -> token -> get("ValueSet/study-visit/$validate-code?system="
                        + "http://fhir.release-dpn.org/CodeSystem/study-visit&code=week-12", token);
                case "$import-ctgov" -> token -> Http.send("POST", fhir.uri("ResearchStudy/$import-ctgov"), "application/json",
                        registryRecord(), "Authorization", "Bearer " + token);
                case "write a StructureDefinition" -> token -> {
                    String id = "p-" + UUID.randomUUID().toString().substring(0, 8);
                    return send("PUT", "StructureDefinition/" + id, TrialExamples.json(ExampleProfiles.birthDateRequired(id)), token);
                };
                case "search AuditEvent" -> token -> get("AuditEvent?_count=1", token);
                case "metadata" -> token -> get("metadata", token);
                case "smart-configuration" -> token -> get(".well-known/smart-configuration", token);
                default -> throw new IllegalArgumentException("No interaction " + name);
            };
        }

        private void assertNeedsAScope(Http.Response refused) {
            String diagnostics = diagnostics(refused);
            assertTrue(diagnostics.contains(" needs the scope") && diagnostics.contains("The access token grants: "),
                    refused::toString);
            assertTrue(refused.header("WWW-Authenticate").contains("error=\"insufficient_scope\""), refused::toString);
        }
    }

    // ---- the project's own clients ---------------------------------------------------------

    /** {@code import-ctgov --server} with the token in FHIR_ACCESS_TOKEN, as an operator runs it. */
    @Nested
    class ImportCtgovCommandWithTokens {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteArrayOutputStream err = new ByteArrayOutputStream();

        @Test
        void withTheAdministratorsTokenTheRecordIsImported(@TempDir Path dir) throws IOException {
            int exit = importCtgov(dir, Map.of("FHIR_ACCESS_TOKEN", idp.token(TrialClients.ADMIN.scopes) + "\n"));

            assertEquals(0, exit, err::toString);
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(" ResearchStudy/release-dpn (version "), out::toString);
        }

        @Test
        void withoutATokenTheCommandSaysWhichVariableToSet(@TempDir Path dir) throws IOException {
            int exit = importCtgov(dir, Map.of());

            assertEquals(1, exit);
            String error = err.toString(StandardCharsets.UTF_8);
            assertTrue(error.contains("answered HTTP 401") && error.contains("set FHIR_ACCESS_TOKEN"), error);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
        }

        @Test
        void aTokenWithoutTheAdminScopeIsReportedAsSuch(@TempDir Path dir) throws IOException {
            int exit = importCtgov(dir, Map.of("FHIR_ACCESS_TOKEN", idp.token(TrialClients.RESEARCH.scopes)));

            assertEquals(1, exit);
            String error = err.toString(StandardCharsets.UTF_8);
            assertTrue(error.contains("answered HTTP 403") && error.contains("lacks a scope")
                    && error.contains("dpn/admin"), error);
        }

        @Test
        void anExpiredTokenIsReportedAsNotAccepted(@TempDir Path dir) throws IOException {
            Instant past = Instant.now().minus(Duration.ofHours(1));
            String expired = idp.token(claims -> claims.claim("scope", TrialClients.ADMIN.scopes)
                    .issueTime(Date.from(past)).expirationTime(Date.from(past.plusSeconds(300))));

            assertEquals(1, importCtgov(dir, Map.of("FHIR_ACCESS_TOKEN", expired)));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("did not accept the access token"), err::toString);
        }

        private int importCtgov(Path dir, Map<String, String> environment) throws IOException {
            Path record = Files.writeString(dir.resolve("NCT07183761.json"), registryRecord());
            return ImportCtgovCommand.run(List.of(record.toString(), "--server", fhir.base().toString()), environment,
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        }
    }

    // ---- discovery -------------------------------------------------------------------------

    @Nested
    class Discovery {

        @Test
        void smartConfigurationNamesTheIssuersEndpoints() throws Exception {
            Http.Response answer = Http.get(fhir.uri(".well-known/smart-configuration"));

            assertEquals(200, answer.status(), answer::toString);
            assertTrue(answer.contentType().startsWith("application/json"), answer.contentType());
            Map<String, Object> configuration = JSONObjectUtils.parse(answer.body());
            assertEquals(idp.issuer(), configuration.get("issuer"));
            assertEquals(idp.keySetUri(), configuration.get("jwks_uri"));
            assertEquals(idp.tokenEndpoint(), configuration.get("token_endpoint"));
            assertEquals(List.of("client_credentials"), configuration.get("grant_types_supported"));
            assertEquals(List.of("client_secret_basic", "client_secret_post", "private_key_jwt"),
                    configuration.get("token_endpoint_auth_methods_supported"));
            assertTrue(((List<?>) configuration.get("capabilities")).containsAll(
                    List.of("client-confidential-symmetric", "permission-v2", "permission-v1")), answer.body());
            assertTrue(((List<?>) configuration.get("scopes_supported")).containsAll(
                    List.of("system/*.rs", "system/*.cruds", "dpn/validate", "dpn/admin")), answer.body());
            assertEquals(List.of("S256"), configuration.get("code_challenge_methods_supported"));
        }

        @Test
        void theCapabilityStatementDescribesSmartOnFhir() {
            CapabilityStatement statement = Http.get(fhir.uri("metadata")).resource(CapabilityStatement.class);

            CapabilityStatementRestSecurityComponent security = statement.getRestFirstRep().getSecurity();
            assertEquals("http://terminology.hl7.org/CodeSystem/restful-security-service",
                    security.getServiceFirstRep().getCodingFirstRep().getSystem());
            assertEquals("SMART-on-FHIR", security.getServiceFirstRep().getCodingFirstRep().getCode());
            assertEquals(idp.tokenEndpoint(), security
                    .getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
                    .getExtensionString("token"));
        }

        @Test
        void theSmartConfigurationIsOnlyRead() {
            Http.Response refused = Http.send("POST", fhir.uri(".well-known/smart-configuration"), "application/json", "{}",
                    "Authorization", "Bearer " + idp.token(TrialClients.ADMIN.scopes));

            assertEquals(405, refused.status(), refused::toString);
            assertEquals("OperationOutcome", refused.resource().fhirType());
        }
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Claims that would be accepted, with the research system's scopes (before a test spoils them). */
    private static JWTClaimsSet.Builder scoped(JWTClaimsSet.Builder claims) {
        return claims.claim("scope", TrialClients.RESEARCH.scopes);
    }

    private Http.Response get(String path, String token) {
        return Http.get(fhir.uri(path), "Authorization", "Bearer " + token);
    }

    private Http.Response send(String method, String path, String body, TrialClients client, String... headers) {
        return send(method, path, body, idp.token(client.scopes), headers);
    }

    private Http.Response send(String method, String path, String body, String token, String... headers) {
        List<String> all = new ArrayList<>(List.of("Authorization", "Bearer " + token));
        all.addAll(List.of(headers));
        return Http.send(method, path.isEmpty() ? fhir.base() : fhir.uri(path), FHIR_JSON, body, all.toArray(String[]::new));
    }

    /** Stores {@code resource} as the administrator and gives its id. */
    private String adminCreate(Resource resource) {
        Http.Response created = send("POST", resource.fhirType(), TrialExamples.json(resource), TrialClients.ADMIN);
        if (created.status() != 201) {
            throw new AssertionError("Set-up: creating a " + resource.fhirType() + " was refused: " + created);
        }
        return new org.hl7.fhir.r4.model.IdType(created.header("Location")).getIdPart();
    }

    /** How many resources a search finds, asked as the administrator. */
    private int count(String search) {
        Http.Response answer = get(search + (search.contains("?") ? "&" : "?") + "_summary=count",
                idp.token(TrialClients.ADMIN.scopes));
        if (answer.status() != 200) {
            throw new AssertionError("Counting " + search + " failed: " + answer);
        }
        return answer.resource(Bundle.class).getTotal();
    }

    private static String diagnostics(Http.Response answer) {
        return answer.operationOutcome().getIssueFirstRep().getDiagnostics();
    }

    private static Bundle bundle(BundleType type, Resource... resources) {
        Bundle bundle = new Bundle().setType(type);
        for (Resource resource : resources) {
            bundle.addEntry().setResource(resource).getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        }
        return bundle;
    }

    private static String registryRecord() {
        try (InputStream in = SmartOnFhirSuite.class.getResourceAsStream("/ctgov/NCT07183761.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
