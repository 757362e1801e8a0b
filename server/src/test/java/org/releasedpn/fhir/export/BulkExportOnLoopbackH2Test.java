package org.releasedpn.fhir.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.util.List;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.SharedH2Server;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * The Bulk Data IG's steps against the server without tokens (loopback: anyone may export):
 * kick-off, polling with X-Progress and a short Retry-After, the manifest, the NDJSON files,
 * cancelling, and the parameters the IG defines. On the H2 server the REST suites share, so the
 * counts are of resources this test picks out by id.
 */
@ExtendWith(SharedH2Server.class)
class BulkExportOnLoopbackH2Test {
    private FhirEndpoint fhir;
    private BulkDataClient client;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        client = new BulkDataClient(fhir);
    }

    @Test
    void kickOffPollManifestAndFilesAsTheIgSays() throws Exception {
        new TrialSubjects(fhir).enrolled("export-loop-1", TrialSubjects.EXPERIMENTAL, ResearchSubjectStatus.ONSTUDY, "2025-01-10");
        URI status = client.started("$export?_type=Patient&_typeFilter=" + "Patient%3F_id%3Dexport-loop-1");

        Http.Response running = client.poll(status);
        BulkDataClient.Manifest manifest = client.manifest(status);
        Http.Response file = client.download(manifest.output().get(0).url());

        if (running.status() == 202) { // a fast export may already be complete at the first poll
            assertTrue(Integer.parseInt(running.header("Retry-After")) <= 3, running::toString);
            assertFalse(running.header("X-Progress").isBlank());
        } else {
            assertEquals(200, running.status(), running::toString);
        }
        assertTrue(manifest.json().hasNonNull("transactionTime"), manifest.json()::toString);
        assertTrue(manifest.json().path("request").asText().contains("$export?_type=Patient"), manifest.json()::toString);
        assertTrue(manifest.json().has("requiresAccessToken"), manifest.json()::toString);
        assertEquals(List.of("Patient"), manifest.output().stream().map(BulkDataClient.Manifest.File::type).toList());
        assertEquals(200, file.status(), file::toString);
        assertTrue(file.contentType().startsWith(BulkDataClient.NDJSON), file::toString);
        List<String> lines = file.body().lines().filter(line -> !line.isBlank()).toList();
        assertEquals(1, lines.size(), "_typeFilter Patient?_id=export-loop-1: " + file.body());
        Patient patient = FhirContext.forR4Cached().newJsonParser().parseResource(Patient.class, lines.get(0));
        assertEquals("export-loop-1", patient.getIdElement().getIdPart());
        assertEquals("export-loop-1", patient.getNameFirstRep().getFamily(), "no view asked for: identified");
    }

    @Test
    void deleteOnThePollUrlCancels() {
        URI status = client.started("$export?_type=Patient");

        Http.Response cancelled = client.cancel(status);
        Http.Response afterwards = client.poll(status);

        assertEquals(202, cancelled.status(), cancelled::toString);
        assertEquals(404, afterwards.status(), afterwards::toString);
    }

    @Test
    void anOutputFormatOtherThanNdjsonIsRefused() {
        Http.Response csv = client.kickOff("$export?_outputFormat=text/csv");
        Http.Response ndjson = client.kickOff("$export?_type=Patient&_outputFormat=application/fhir%2Bndjson");

        assertEquals(400, csv.status(), csv::toString);
        assertEquals(202, ndjson.status(), ndjson::toString);
        client.cancel(URI.create(ndjson.header("Content-Location")));
    }

    @Test
    void theViewHeaderGivesPseudonymisedFiles() throws Exception {
        new TrialSubjects(fhir).enrolled("export-loop-2", TrialSubjects.CONTROL, ResearchSubjectStatus.ONSTUDY, "2025-01-10");
        BulkDataClient viewClient = new BulkDataClient(fhir, "X-Dpn-View", "pseudonymised");

        BulkDataClient.Export export = viewClient.export("$export?_type=Patient&_typeFilter=Patient%3F_id%3Dexport-loop-2");

        assertEquals(1, export.count("Patient"), export::toString);
        assertFalse(export.everything().contains("\"family\""), export::everything);
        assertTrue(export.everything().contains("PSEUDED"), export::everything);
    }
}
