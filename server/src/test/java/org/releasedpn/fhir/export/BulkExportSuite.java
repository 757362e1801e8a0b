package org.releasedpn.fhir.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import java.util.Set;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.pseudonymisation.SeededPatients;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestIdentityProvider;
import org.releasedpn.fhir.testsupport.TestServers;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * $export on a server with access tokens, over a fresh database holding three trial subjects with
 * distinctive identifiers: the data manager's exports (identified, counted), a research client's
 * (pseudonymised, no audit trail), one client's export closed to another, and the trial's
 * subjects Group following enrolments. One server per database for the suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class BulkExportSuite {
    static final String RESEARCH = "system/*.rs";
    static final String DATA_MANAGER = "system/*.cruds system/AuditEvent.rs dpn/admin dpn/validate dpn/identified";
    static final String GROUP_EXPORT = "Group/release-dpn-subjects/$export";
    /** The shortest retention the server takes; the tests age exports around it. */
    static final int RETENTION_HOURS = 1;

    private TestIdentityProvider idp;
    private Storage storage;
    private FhirServer server;
    private FhirEndpoint fhir;
    private SeededPatients patients;

    abstract Storage newStorage();

    @BeforeAll
    void start() throws Exception {
        idp = TestIdentityProvider.start();
        storage = newStorage();
        try {
            Map<String, String> environment = new HashMap<>(idp.serverEnvironment());
            environment.put("FHIR_EXPORT_RETENTION_HOURS", Integer.toString(RETENTION_HOURS));
            server = TestServers.start(storage, environment);
        } catch (Exception | Error e) {
            storage.close();
            idp.close();
            throw e;
        }
        fhir = new FhirEndpoint(server);
        patients = SeededPatients.seed(new TrialSubjects(fhir, dataManagerHeaders()), 3);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            storage.close();
            idp.close();
        }
    }

    @Test
    void theGroupExportHoldsTheTrialsPatientsAndTheirCompartments() throws Exception {
        long started = System.nanoTime();
        BulkDataClient.Export export = client("data-manager", DATA_MANAGER).export(GROUP_EXPORT);
        System.out.printf("Group export of 3 subjects (%d resources) in %d ms%n",
                export.lines().values().stream().mapToInt(List::size).sum(), (System.nanoTime() - started) / 1_000_000);

        assertEquals(3, export.count("Patient"), export::everything);
        assertEquals(3, export.count("ResearchSubject"), export::everything);
        assertEquals(3, export.count("Observation"), export::everything);
        assertEquals(3, export.count("Consent"), export::everything);
        assertTrue(export.everything().contains(patients.family(0)), "the data manager's files are identified");
        assertTrue(export.manifest().json().path("requiresAccessToken").asBoolean());
    }

    @Test
    void typeAndSinceChooseWhatIsExported() throws Exception {
        BulkDataClient dataManager = client("data-manager", DATA_MANAGER);
        BulkDataClient.Export typed = dataManager.export("$export?_type=Patient,Observation");
        String since = typed.manifest().json().path("transactionTime").asText();
        Thread.sleep(1100);
        new TrialSubjects(fhir, dataManagerHeaders()).tcssTotal(patients.id(1), 11, java.time.LocalDate.parse("2025-03-05"));

        BulkDataClient.Export changed = dataManager.export("Patient/$export?_type=Observation&_since=" + since.replace("+", "%2B"));

        assertEquals(Set.of("Patient", "Observation"), typed.lines().keySet());
        assertEquals(3, typed.count("Patient"), typed::everything);
        assertEquals(3, typed.count("Observation"), typed::everything);
        assertEquals(Set.of("Observation"), changed.lines().keySet());
        assertEquals(1, changed.count("Observation"), changed::everything);
        assertTrue(changed.everything().contains(patients.id(1) + "-tcss-2025-03-05"), changed::everything);
    }

    @Test
    void aResearchClientsFilesArePseudonymisedAndLeaveOutTheAuditTrail() throws Exception {
        BulkDataClient research = client("research", RESEARCH);

        BulkDataClient.Export system = research.export("$export");
        BulkDataClient.Export group = research.export(GROUP_EXPORT);
        Http.Response auditTrail = research.kickOff("$export?_type=AuditEvent");

        assertEquals(3, system.count("Patient"), () -> system.lines().keySet().toString());
        assertEquals(3, group.count("Patient"), () -> group.lines().keySet().toString());
        for (BulkDataClient.Export export : List.of(system, group)) {
            String everything = export.everything();
            for (String identifying : patients.identifyingValues()) {
                assertFalse(everything.contains(identifying), () -> "'" + identifying + "' in " + export.lines().keySet());
            }
            export.lines().getOrDefault("Patient", List.of()).forEach(line -> assertTrue(line.contains("PSEUDED"), line));
            assertFalse(export.lines().containsKey("AuditEvent"), () -> export.lines().keySet().toString());
            assertFalse(export.lines().containsKey("Binary"), () -> export.lines().keySet().toString());
        }
        assertEquals(403, auditTrail.status(), auditTrail::toString);
    }

    @Test
    void onlyTheClientThatStartedAnExportPollsCancelsAndDownloadsIt() throws Exception {
        BulkDataClient owner = client("research-a", RESEARCH);
        BulkDataClient other = client("research-b", RESEARCH);
        URI status = owner.started("$export?_type=Patient");

        Http.Response othersPoll = other.poll(status);
        BulkDataClient.Manifest manifest = owner.manifest(status);
        Http.Response othersDownload = other.download(manifest.output().get(0).url());
        Http.Response ownDownload = owner.download(manifest.output().get(0).url());
        Http.Response othersCancel = other.cancel(status);

        assertEquals(403, othersPoll.status(), othersPoll::toString);
        assertEquals(403, othersDownload.status(), othersDownload::toString);
        assertEquals(403, othersCancel.status(), othersCancel::toString);
        assertEquals(200, ownDownload.status(), ownDownload::toString);
        assertFalse(othersDownload.body().contains("\"Patient\""), othersDownload::toString);
    }

    @Test
    void deleteOnAFinishedExportRemovesItsFilesForTheOwnerOnly() throws Exception {
        BulkDataClient owner = client("research-c", RESEARCH);
        BulkDataClient other = client("research-d", RESEARCH);
        URI status = owner.started("$export?_type=Patient,Observation");
        List<String> files = owner.manifest(status).urls();
        Http.Response downloaded = owner.download(files.get(0));

        Http.Response othersDelete = other.cancel(status);
        Http.Response stillThere = owner.download(files.get(0));
        Http.Response deleted = owner.cancel(status);

        assertEquals(200, downloaded.status(), downloaded::toString);
        assertEquals(403, othersDelete.status(), othersDelete::toString);
        assertEquals(200, stillThere.status(), stillThere::toString);
        assertEquals(202, deleted.status(), deleted::toString);
        assertTrue(deleted.body().contains("OperationOutcome"), deleted::toString);
        assertEquals(2, files.size(), files::toString);
        assertExportGone(owner, status, files);
    }

    @Test
    void anExportIsRemovedOnceItsRetentionHasPassed() throws Exception {
        BulkDataClient dataManager = client("data-manager", DATA_MANAGER);
        URI expiring = dataManager.started("$export?_type=Patient");
        List<String> expiringFiles = dataManager.manifest(expiring).urls();
        expiringFiles.forEach(dataManager::download); // downloaded, so the audit trail names the files
        URI kept = dataManager.started("$export?_type=Patient");
        List<String> keptFiles = dataManager.manifest(kept).urls();
        endedAgo(expiring, Duration.ofHours(RETENTION_HOURS).plusMinutes(30));
        endedAgo(kept, Duration.ofHours(RETENTION_HOURS).minusMinutes(30));

        int removed = server.component(ExpiredExports.class).removeExpired();

        assertEquals(1, removed);
        assertExportGone(dataManager, expiring, expiringFiles);
        assertEquals(200, dataManager.poll(kept).status());
        assertEquals(200, dataManager.download(keptFiles.get(0)).status());
    }

    /**
     * Polling answers 404, each file 410 (deleted), and the version that held its content 404
     * (expunged, not only deleted: no content is left to read).
     */
    private static void assertExportGone(BulkDataClient client, URI status, List<String> files) {
        Http.Response poll = client.poll(status);
        assertEquals(404, poll.status(), poll::toString);
        for (String file : files) {
            Http.Response current = client.download(file);
            Http.Response content = client.download(file + "/_history/1");
            assertEquals(410, current.status(), current::toString);
            assertEquals(404, content.status(), content::toString);
            assertFalse(content.body().contains("\"resourceType\":\"Patient\""), content::toString);
        }
    }

    /** Moves the job's end back, as if it had finished {@code ago} before now. */
    private void endedAgo(URI status, Duration ago) throws SQLException {
        String jobId = status.getQuery().replaceFirst(".*_jobId=", "").replaceFirst("&.*", "");
        try (Connection connection = server.component(DataSource.class).getConnection();
             PreparedStatement update = connection.prepareStatement("UPDATE BT2_JOB_INSTANCE SET END_TIME = ? WHERE ID = ?")) {
            update.setTimestamp(1, Timestamp.from(Instant.now().minus(ago)));
            update.setString(2, jobId);
            assertEquals(1, update.executeUpdate(), "job " + jobId);
        }
    }

    @Test
    void aClientWithoutReadAndSearchCannotExport() {
        Http.Response ehr = client("ehr", "system/Patient.cu system/Observation.cu").kickOff("$export");

        assertEquals(403, ehr.status(), ehr::toString);
    }

    @Test
    @Order(Integer.MAX_VALUE) // enrols a fourth subject: after the tests that count three
    void theGroupFollowsEnrolments() {
        TrialSubjects trial = new TrialSubjects(fhir, dataManagerHeaders());
        trial.enrolled("export-joiner", TrialSubjects.EXPERIMENTAL, ResearchSubjectStatus.ONSTUDY, "2025-02-01");
        List<String> afterEnrolment = members();
        Http.Response deleted = Http.delete(fhir.uri("ResearchSubject/export-joiner-screening"), dataManagerHeaders());
        List<String> afterDeletion = members();
        Http.Response researchWrite = Http.send("PUT", fhir.uri("Group/release-dpn-subjects"), Http.FHIR_JSON,
                "{\"resourceType\":\"Group\",\"id\":\"release-dpn-subjects\",\"type\":\"person\",\"actual\":true}",
                "Authorization", "Bearer " + idp.token("system/*.cruds"));

        assertTrue(afterEnrolment.contains("Patient/export-joiner"), afterEnrolment::toString);
        assertEquals(4, afterEnrolment.size(), afterEnrolment::toString);
        assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted::toString);
        assertFalse(afterDeletion.contains("Patient/export-joiner"), afterDeletion::toString);
        assertEquals(3, afterDeletion.size(), afterDeletion::toString);
        assertEquals(403, researchWrite.status(), researchWrite::toString);
    }

    private List<String> members() {
        Group group = Http.get(fhir.uri("Group/release-dpn-subjects"), dataManagerHeaders()).resource(Group.class);
        assertEquals(Group.GroupType.PERSON, group.getType());
        assertTrue(group.getActual());
        return group.getMember().stream().map(member -> member.getEntity().getReference()).toList();
    }

    private BulkDataClient client(String clientId, String scopes) {
        return new BulkDataClient(fhir, "Authorization", "Bearer "
                + idp.token(claims -> claims.claim("scope", scopes).claim("azp", clientId)));
    }

    private String[] dataManagerHeaders() {
        return new String[] {"Authorization", "Bearer " + idp.token(claims -> claims.claim("scope", DATA_MANAGER)
                .claim("azp", "data-manager"))};
    }
}
