package org.releasedpn.fhir.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.ExampleProfiles;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * Two server processes on one PostgreSQL database: a profile stored through one is applied by the
 * other on its very next request, and a deletion through one is seen by the other too, although
 * the other had already looked the profile up (and cached the answer).
 */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class StoredConformanceAcrossServersPostgresTest {

    @Test
    void aProfileStoredOrDeletedThroughOneServerCountsOnTheOtherAtOnce() throws Exception {
        try (Storage storage = Storage.postgres();
             FhirServer first = TestServers.start(storage);
             FhirServer second = TestServers.start(storage)) {
            FhirEndpoint writer = new FhirEndpoint(first);
            FhirEndpoint reader = new FhirEndpoint(second);
            StructureDefinition profile = ExampleProfiles.birthDateRequired(unique("bd"));
            Patient withoutBirthDate = Resources.patient(unique("NoBirthDate"));
            withoutBirthDate.setBirthDate(null);
            String validate = "Patient/$validate?profile=" + URLEncoder.encode(profile.getUrl(), StandardCharsets.UTF_8);
            assertTrue(errorsContain(reader, validate, withoutBirthDate, "Unknown profile"), "not stored yet");

            Http.Response stored = Http.send("PUT", writer.uri("StructureDefinition/" + profile.getIdElement().getIdPart()),
                    FHIR_JSON, TrialExamples.json(profile));
            assertEquals(201, stored.status(), stored::toString);
            assertTrue(errorsContain(reader, validate, withoutBirthDate, "Patient.birthDate: minimum required = 1"),
                    "the other server applies the profile stored through the first");

            Http.Response deleted = Http.delete(writer.uri("StructureDefinition/" + profile.getIdElement().getIdPart()));
            assertEquals(200, deleted.status(), deleted::toString);
            assertTrue(errorsContain(reader, validate, withoutBirthDate, "Unknown profile"),
                    "the other server forgets the profile deleted through the first");
        }
    }

    private static boolean errorsContain(FhirEndpoint fhir, String path, Patient patient, String text) {
        Http.Response answered = Http.send("POST", fhir.uri(path), FHIR_JSON, TrialExamples.json(patient));
        assertEquals(200, answered.status(), answered::toString);
        OperationOutcome outcome = answered.operationOutcome();
        return outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == IssueSeverity.ERROR
                && issue.getDiagnostics() != null && issue.getDiagnostics().contains(text));
    }
}
