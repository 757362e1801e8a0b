package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;

/**
 * What base R4 allows is read without loss and what it forbids is refused, entry by entry in a
 * batch; {@code $validate} and a write agree on the same body, and {@code $validate} of anything
 * stored (also by a transaction) or sent answers 200, never 5xx.
 */
abstract class LosslessParsingSuite {
    private static final String DATA_ABSENT = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

    private FhirEndpoint fhir;
    private String family;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        family = unique("Lossless");
    }

    @Test
    void repeatingPrimitiveWithOnlyAnExtensionIsStoredWithTheExtension() {
        String body = "{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + Resources.PATIENT_IDS
                + "\",\"value\":\"" + family + "\"}],\"name\":[{\"family\":\"" + family + "\",\"_given\":[{\"extension\":"
                + "[{\"url\":\"" + DATA_ABSENT + "\",\"valueCode\":\"unknown\"}]}]}]}";

        Http.Response validated = Http.send("POST", fhir.uri("Patient/$validate"), FHIR_JSON, body);
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, body);

        assertEquals(200, validated.status(), validated::toString);
        assertTrue(errors(validated.operationOutcome()).isEmpty(), validated::toString);
        assertEquals(201, created.status(), created::toString);
        Patient stored = Http.get(URI.create(created.header("Location"))).resource(Patient.class);
        assertEquals(1, stored.getNameFirstRep().getGiven().size());
        assertEquals("unknown", stored.getNameFirstRep().getGiven().get(0).getExtensionByUrl(DATA_ABSENT)
                .getValue().primitiveValue());
    }

    @Test
    void bodyWithAByteOrderMarkIsRead() {
        byte[] json = Resources.patientJson(family).getBytes(StandardCharsets.UTF_8);
        byte[] withMark = new byte[json.length + 3];
        withMark[0] = (byte) 0xEF;
        withMark[1] = (byte) 0xBB;
        withMark[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withMark, 3, json.length);

        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, withMark);

        assertEquals(201, created.status(), created::toString);
    }

    @Test
    void invalidCodeInOneBatchEntryFailsThatEntryOnly() {
        String good = unique("Good");
        String batch = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":["
                + entry("\"gender\":\"bogus\"", family) + "," + entry("\"gender\":\"male\"", good) + ","
                + entry("\"colour\":\"blue\"", family) + "]}";

        Http.Response answered = Http.send("POST", fhir.base(), FHIR_JSON, batch);

        assertEquals(200, answered.status(), answered::toString);
        List<Bundle.BundleEntryComponent> entries = answered.resource(Bundle.class).getEntry();
        assertTrue(entries.get(0).getResponse().getStatus().startsWith("400"), answered::toString);
        OperationOutcome why = (OperationOutcome) entries.get(0).getResponse().getOutcome();
        assertTrue(why.getIssueFirstRep().getDiagnostics().contains("Bundle.entry[0]")
                && why.getIssueFirstRep().getDiagnostics().contains("bogus"), answered::toString);
        assertTrue(entries.get(1).getResponse().getStatus().startsWith("201"), answered::toString);
        assertTrue(entries.get(2).getResponse().getStatus().startsWith("400"), answered::toString);
        assertEquals(0, fhir.count("Patient?" + Resources.identifierParam(family)), "the bad entries stored nothing");
        assertEquals(1, fhir.count("Patient?" + Resources.identifierParam(good)));
    }

    @Test
    void invalidCodeInATransactionRefusesTheWholeTransaction() {
        String good = unique("Good");
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + entry("\"gender\":\"male\"", good) + "," + entry("\"gender\":\"bogus\"", family) + "]}";

        Http.Response refused = Http.send("POST", fhir.base(), FHIR_JSON, transaction);

        assertEquals(400, refused.status(), refused::toString);
        assertTrue(refused.operationOutcome().getIssueFirstRep().getDiagnostics().contains("bogus"), refused::toString);
        assertEquals(0, fhir.count("Patient?" + Resources.identifierParam(good)));
    }

    @Test
    void storedResourcesValidateWithoutErrorsHoweverTheyWereCreated() {
        String transaction = "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":["
                + entry("\"gender\":\"female\"", family) + "]}";
        Http.Response inTransaction = Http.send("POST", fhir.base(), FHIR_JSON, transaction);
        assertEquals(200, inTransaction.status(), inTransaction::toString);
        String location = inTransaction.resource(Bundle.class).getEntryFirstRep().getResponse().getLocation();
        String single = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, Resources.patientJson(unique("Single")))
                .header("Location");

        for (String stored : List.of(location, single)) {
            String path = stored.substring(stored.indexOf("Patient/"), stored.indexOf("/_history"));

            Http.Response validated = Http.get(fhir.uri(path + "/$validate"));

            assertEquals(200, validated.status(), () -> path + ": " + validated);
            assertTrue(errors(validated.operationOutcome()).isEmpty(), () -> path + ": " + validated);
        }
    }

    @Test
    void signedBundleIsValidatedNotAFailure() {
        String signed = "{\"resourceType\":\"Bundle\",\"type\":\"document\",\"identifier\":{\"system\":\"urn:ietf:rfc:3986\","
                + "\"value\":\"urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0\"},\"timestamp\":\"2025-10-20T10:00:00+08:00\","
                + "\"entry\":[],\"signature\":{\"type\":[{\"system\":\"urn:iso-astm:E1762-95:2013\",\"code\":\"1.2.840.10065.1.12.1.1\"}],"
                + "\"when\":\"2025-10-20T10:00:00+08:00\",\"who\":{\"display\":\"Dr Chen\"},\"sigFormat\":\"application/jose\","
                + "\"data\":\"ZXlKaGJHY2lPaUpGVXpJMU5pSjkuZXlKaElqb2lZaUo5LmFiYw==\"}}";

        Http.Response validated = Http.send("POST", fhir.uri("Bundle/$validate"), FHIR_JSON, signed);

        assertEquals(200, validated.status(), validated::toString);
        validated.operationOutcome();
    }

    private static String entry(String genderOrOther, String family) {
        return "{\"resource\":{\"resourceType\":\"Patient\",\"identifier\":[{\"system\":\"" + Resources.PATIENT_IDS
                + "\",\"value\":\"" + family + "\"}]," + genderOrOther + "},\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}";
    }

    private static List<OperationOutcome.OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL)
                .toList();
    }
}
