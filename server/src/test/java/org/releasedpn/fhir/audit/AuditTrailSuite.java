package org.releasedpn.fhir.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.heartRate;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.ServerWithTokens;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestIdentityProvider;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * The audit trail of a server that requires tokens: each write, read, search and refusal leaves
 * its AuditEvent naming the client, the resources and the patients; a write's event commits with
 * the write (there at once, and gone with a rolled-back transaction), a read's within a second;
 * events never block a delete; clients cannot write to the trail, and only an audit scope reads it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuditTrailSuite {
    private static final Duration READ_AUDIT_WAIT = Duration.ofSeconds(3);
    private static final String WRITER_SCOPES = "system/Patient.cruds system/Observation.cruds";

    private ServerWithTokens running;
    private TestIdentityProvider idp;
    private FhirServer server;
    private FhirEndpoint fhir;
    private String writer;
    private String auditor;

    abstract Storage newStorage();

    @BeforeAll
    void start() throws Exception {
        running = ServerWithTokens.start(newStorage());
        idp = running.idp();
        server = running.server();
        fhir = running.fhir();
        writer = idp.token(claims -> claims.claim("scope", WRITER_SCOPES).claim("azp", "ehr-integration")
                .subject("service-account-ehr"));
        auditor = idp.token(claims -> claims.claim("scope", "system/AuditEvent.rs dpn/identified").claim("azp", "data-manager"));
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aCreateIsAuditedInItsOwnTransaction() {
        String id = create("Patient", TrialExamples.json(patient(unique("Audit"))));

        // No waiting: the event was committed with the Patient.
        List<AuditEvent> events = audits("entity=Patient/" + id + "&action=C");
        assertEquals(1, events.size(), events::toString);
        AuditEvent event = events.get(0);
        assertEquals("create", event.getSubtypeFirstRep().getCode());
        assertEquals(AuditEvent.AuditEventOutcome._0, event.getOutcome());
        assertEquals("ehr-integration", event.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertEquals(idp.issuer(), event.getAgentFirstRep().getWho().getIdentifier().getSystem());
        assertEquals("127.0.0.1", event.getAgentFirstRep().getNetwork().getAddress());
        assertTrue(event.getAgent().stream().anyMatch(agent -> "service-account-ehr".equals(
                agent.getWho().getIdentifier().getValue()) && agent.getRequestor()), "the user the client acts for");
        assertEquals(Set.of("Patient/" + id + "/_history/1"), references(event, "4"));
        assertEquals(Set.of("Patient/" + id + "/_history/1"), references(event, "1"), "the patient, at its version");
        assertEquals(1, audits("agent-name=ehr-integration&patient=Patient/" + id).size(), "searchable by client and patient");
    }

    @Test
    void anObservationNamesItsPatient() {
        String patientId = create("Patient", TrialExamples.json(patient(unique("Audit"))));
        String observationId = create("Observation",
                TrialExamples.json(heartRate("Patient/" + patientId, "2024-03-01T09:00:00+01:00", 70)));

        List<AuditEvent> events = audits("patient=Patient/" + patientId + "&action=C");
        assertEquals(2, events.size(), events::toString);
        assertTrue(events.stream().anyMatch(event -> references(event, "4")
                .contains("Observation/" + observationId + "/_history/1")), events::toString);
    }

    @Test
    void updatesAndDeletesAreAuditedAndAuditsNeverBlockADelete() {
        String id = create("Patient", TrialExamples.json(patient(unique("Audit"))));
        Patient changed = patient(unique("Changed"));
        changed.setId(id);
        assertEquals(200, as(writer, "PUT", "Patient/" + id, TrialExamples.json(changed)).status());
        read("Patient/" + id); // a read event names the Patient too

        Http.Response deleted = as(writer, "DELETE", "Patient/" + id, null);

        assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted::toString);
        assertEquals(1, audits("entity=Patient/" + id + "&action=U").size());
        List<AuditEvent> deletes = audits("entity=Patient/" + id + "&action=D");
        assertEquals(1, deletes.size(), deletes::toString);
        assertEquals("delete", deletes.get(0).getSubtypeFirstRep().getCode());
    }

    @Test
    void aReadIsAuditedWithinASecond() {
        String id = create("Patient", TrialExamples.json(patient(unique("Audit"))));

        read("Patient/" + id);

        AuditEvent event = awaitOne("entity=Patient/" + id + "&action=R");
        assertEquals("read", event.getSubtypeFirstRep().getCode());
        assertEquals("ehr-integration", event.getAgentFirstRep().getWho().getIdentifier().getValue());
    }

    @Test
    void aSearchIsAuditedWithItsQueryAndEveryResourceShown() {
        String patientId = create("Patient", TrialExamples.json(patient(unique("Audit"))));
        String first = create("Observation", TrialExamples.json(heartRate("Patient/" + patientId, "2024-03-01T09:00:00+01:00", 70)));
        String second = create("Observation", TrialExamples.json(heartRate("Patient/" + patientId, "2024-03-02T09:00:00+01:00", 71)));

        Http.Response search = Http.get(fhir.uri("Observation?subject=Patient/" + patientId + "&_include=Observation:subject"),
                "Authorization", "Bearer " + writer);
        assertEquals(200, search.status(), search::toString);

        AuditEvent event = awaitOne("entity=Observation/" + first + "&action=E");
        assertEquals("search-type", event.getSubtypeFirstRep().getCode());
        assertEquals(Set.of("Observation/" + first + "/_history/1", "Observation/" + second + "/_history/1",
                "Patient/" + patientId + "/_history/1"), references(event, "4"), "the results and the included Patient");
        AuditEventEntityComponent query = event.getEntity().stream()
                .filter(entity -> "24".equals(entity.getRole().getCode())).findFirst().orElseThrow();
        assertTrue(new String(query.getQuery(), StandardCharsets.UTF_8).contains("subject=Patient/" + patientId),
                query::getDescription);
    }

    @Test
    void refusalsAreAuditedWithTheirStatus() {
        String family = unique("Refused");
        Http.Response noToken = Http.get(fhir.uri("Patient?family=" + family));
        Http.Response noScope = Http.get(fhir.uri("Observation?code=" + family), "Authorization",
                "Bearer " + idp.token(claims -> claims.claim("scope", "dpn/validate").claim("azp", "integrator")));
        assertEquals(401, noToken.status());
        assertEquals(403, noScope.status());

        AuditEvent unauthenticated = awaitFirst("outcome=4", event -> queryOf(event).contains("family=" + family));
        assertEquals("anonymous", unauthenticated.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertTrue(unauthenticated.getOutcomeDesc().startsWith("HTTP 401"), unauthenticated.getOutcomeDesc());
        AuditEvent forbidden = awaitFirst("outcome=4", event -> queryOf(event).contains("code=" + family));
        assertEquals("integrator", forbidden.getAgentFirstRep().getWho().getIdentifier().getValue());
        assertTrue(forbidden.getOutcomeDesc().startsWith("HTTP 403"), forbidden.getOutcomeDesc());
        assertEquals("search-type", forbidden.getSubtypeFirstRep().getCode());
    }

    @Test
    void aRolledBackTransactionLeavesNoAuditOfItsWrites() {
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        Patient valid = patient(unique("RolledBack"));
        transaction.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(valid)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        Observation invalid = heartRate("Patient/" + unique("missing"), "2024-03-01T09:00:00+01:00", 70);
        transaction.addEntry().setResource(invalid).getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

        int createsBefore = auditCount("action=C");

        Http.Response refused = as(writer, "POST", "", TrialExamples.json(transaction));

        assertTrue(refused.status() >= 400 && refused.status() < 500, refused::toString);
        assertEquals(createsBefore, auditCount("action=C"), "the Patient's create event rolled back with it");
        AuditEvent refusal = awaitFirst("outcome=4&subtype=transaction", event -> true);
        assertTrue(refusal.getOutcomeDesc().startsWith("HTTP " + refused.status()), refusal.getOutcomeDesc());
    }

    @Test
    void clientsCannotWriteToTheTrail() {
        String id = create("Patient", TrialExamples.json(patient(unique("Audit"))));
        AuditEvent stored = audits("entity=Patient/" + id + "&action=C").get(0);
        String everything = idp.token(claims -> claims.claim("scope", "system/AuditEvent.cruds dpn/identified"));

        Http.Response post = as(everything, "POST", "AuditEvent", TrialExamples.json(stored.setId((String) null)));
        Http.Response delete = as(everything, "DELETE", "AuditEvent/" + audits("entity=Patient/" + id).get(0).getIdPart(), null);

        assertEquals(405, post.status(), post::toString);
        assertEquals(405, delete.status(), delete::toString);
        assertEquals(1, audits("entity=Patient/" + id + "&action=C").size());
    }

    @Test
    void onlyAnAuditScopeReadsTheTrail() {
        Http.Response research = Http.get(fhir.uri("AuditEvent"), "Authorization",
                "Bearer " + idp.token(claims -> claims.claim("scope", "system/*.rs")));
        Http.Response audit = Http.get(fhir.uri("AuditEvent"), "Authorization", "Bearer " + auditor);

        assertEquals(403, research.status(), research::toString);
        assertEquals(200, audit.status(), audit::toString);
    }

    // ---- helpers -------------------------------------------------------------------------------

    private String create(String type, String json) {
        Http.Response created = as(writer, "POST", type, json);
        assertEquals(201, created.status(), created::toString);
        return created.resource().getIdElement().getIdPart();
    }

    private void read(String path) {
        Http.Response read = Http.get(fhir.uri(path), "Authorization", "Bearer " + writer);
        assertEquals(200, read.status(), read::toString);
    }

    private Http.Response as(String token, String method, String path, String json) {
        return Http.send(method, path.isEmpty() ? fhir.base() : fhir.uri(path), FHIR_JSON, json == null ? "" : json,
                "Authorization", "Bearer " + token, "Prefer", "return=representation");
    }

    private List<AuditEvent> audits(String query) {
        Http.Response found = Http.get(fhir.uri("AuditEvent?" + query), "Authorization", "Bearer " + auditor);
        assertEquals(200, found.status(), found::toString);
        return found.resource(Bundle.class).getEntry().stream()
                .map(entry -> (AuditEvent) entry.getResource()).toList();
    }

    private int auditCount(String query) {
        Http.Response found = Http.get(fhir.uri("AuditEvent?" + query + "&_summary=count"), "Authorization",
                "Bearer " + auditor);
        assertEquals(200, found.status(), found::toString);
        return found.resource(Bundle.class).getTotal();
    }

    private AuditEvent awaitOne(String query) {
        return awaitFirst(query, event -> true);
    }

    private AuditEvent awaitFirst(String query, Predicate<AuditEvent> wanted) {
        long deadline = System.nanoTime() + READ_AUDIT_WAIT.toNanos();
        while (true) {
            List<AuditEvent> found = audits(query + "&_sort=-date&_count=100").stream().filter(wanted).toList();
            if (!found.isEmpty()) {
                return found.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No AuditEvent?" + query + " as wanted within " + READ_AUDIT_WAIT);
            }
            sleep();
        }
    }

    private static String queryOf(AuditEvent event) {
        return event.getEntity().stream().filter(entity -> "24".equals(entity.getRole().getCode()))
                .map(entity -> new String(entity.getQuery(), StandardCharsets.UTF_8)).findFirst().orElse("");
    }

    /** The references of the entities in the role (4 domain resource, 1 patient). */
    private static Set<String> references(AuditEvent event, String role) {
        return event.getEntity().stream().filter(entity -> role.equals(entity.getRole().getCode()))
                .map(entity -> entity.getWhat().getReference()).collect(Collectors.toSet());
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

}
