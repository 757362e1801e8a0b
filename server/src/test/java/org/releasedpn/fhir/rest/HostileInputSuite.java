package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/**
 * Input that used to be answered 500: each now gets a 4xx OperationOutcome that says what is
 * wrong (no SQL, no class names), nothing of it is stored, and the server keeps answering.
 */
abstract class HostileInputSuite {
    private FhirEndpoint fhir;
    private String family;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        family = unique("Hostile");
    }

    @AfterEach
    void storedNothingAndStillUp() {
        assertTrue(fhir.isUp(), "the server still answers");
        assertEquals(0, fhir.count("Patient?family:exact=" + family), "nothing of the hostile request is stored");
    }

    @Test
    void stringsNoFhirServerCanStoreAre400() {
        for (String text : List.of("A\\ud800B", "A\\udc00", "A\\u0000B", "A\\u0007B")) {
            Http.Response refused = post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family
                    + "\",\"given\":[\"" + text + "\"]}]}");

            assertRefused(refused, 400, "a FHIR string cannot hold");
        }
    }

    @Test
    void decimalsBeyondWhatIsStoredAre422AtTheElement() {
        for (String value : List.of("1e400", "-1e400", "1234567890.123456789", "1e-400")) {
            Http.Response refused = post("Observation", observationWithValue(value));

            assertRefused(refused, 422, "decimal");
            assertEquals("Observation.valueQuantity.value",
                    refused.operationOutcome().getIssueFirstRep().getExpression().get(0).getValue(), refused::toString);
        }
    }

    @Test
    void aNumberWithAnAbsurdExponentIs400() {
        assertRefused(post("Observation", observationWithValue("1e99999999")), 400, "out of any range");
    }

    @Test
    void moreRepetitionsOfOneElementThanTheDefaultLimitIs413() {
        String identifiers = String.join(",", java.util.Collections.nCopies(
                org.releasedpn.fhir.config.RequestLimitSettings.DEFAULT_MAX_REPETITIONS + 1, "{\"value\":\"x\"}"));

        assertRefused(post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family
                + "\"}],\"identifier\":[" + identifiers + "]}"), 413, "FHIR_MAX_REPETITIONS");
    }

    @Test
    void xmlNestedDeeperThanAnyResourceIs400() {
        int levels = 5000;

        assertRefused(Http.send("POST", fhir.uri("Patient"), Http.FHIR_XML, "<Patient xmlns=\"http://hl7.org/fhir\">"
                + "<extension url=\"http://example.org/x\">".repeat(levels) + "</extension>".repeat(levels)
                + "<name><family value=\"" + family + "\"/></name></Patient>"), 400, "nested more than");
    }

    @Test
    void aCharsetOtherThanUtf8Is415() {
        Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON + "; charset=ebcdic",
                "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]}");

        assertRefused(refused, 415, "charset");
    }

    @Test
    void unboundedOrMeaninglessSearchParametersAre400() {
        assertRefused(Http.get(fhir.uri("Patient?_offset=-1")), 400, "_offset");
        assertRefused(Http.get(fhir.uri("Patient?_count=abc")), 400, "_count");
        assertRefused(Http.get(fhir.uri("Patient?_count=1&_sort=name,name,name,name,name")), 400, "_sort");
        assertRefused(Http.send("POST", fhir.uri("Patient/_search"), "application/x-www-form-urlencoded", "_count=-1"),
                400, "_count");
        assertRefused(Http.get(fhir.uri("Patient?gender:corpus=male")), 400, "modifier");
        assertRefused(Http.get(fhir.uri("Patient?_total=nonsense")), 400, "_total");
        assertRefused(Http.delete(fhir.uri("Patient?_count=1")), 400, "criteria");
    }

    @Test
    void aSearchSentAsAFormIsTheSameSearch() {
        post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "Form\"}]}");

        Http.Response found = Http.send("POST", fhir.uri("Patient/_search"), "application/x-www-form-urlencoded",
                "family:exact=" + family + "Form&_summary=count");

        assertEquals(200, found.status(), found::toString);
        assertEquals(1, found.resource(org.hl7.fhir.r4.model.Bundle.class).getTotal(), found::toString);
    }

    @Test
    void aVersionNoResourceCanHaveIs404() {
        Http.Response created = post("Patient", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Versioned\"}]}");
        String id = created.header("Location").replaceAll(".*/Patient/([^/]+)/_history.*", "$1");

        assertRefused(Http.get(fhir.uri("Patient/" + id + "/_history/99999999999999999999")), 404, "no version");
    }

    @Test
    void anIfModifiedSinceThatIsNoDateIsIgnored() {
        Http.Response read = Http.get(fhir.uri("metadata"), "If-Modified-Since", "yesterday");

        assertEquals(200, read.status(), read::toString);
    }

    private Http.Response post(String path, String body) {
        return Http.send("POST", fhir.uri(path), FHIR_JSON, body);
    }

    private String observationWithValue(String value) {
        return "{\"resourceType\":\"Observation\",\"status\":\"final\",\"code\":{\"text\":\"" + family
                + "\"},\"valueQuantity\":{\"value\":" + value + "}}";
    }

    private static void assertRefused(Http.Response response, int status, String mentions) {
        assertEquals(status, response.status(), response::toString);
        OperationOutcome outcome = response.operationOutcome();
        String diagnostics = outcome.getIssueFirstRep().getDiagnostics();
        assertTrue(diagnostics != null && diagnostics.toLowerCase(Locale.ROOT).contains(mentions.toLowerCase(Locale.ROOT)),
                () -> "diagnostics mention '" + mentions + "': " + response);
        assertTrue(!diagnostics.contains("Exception") && !diagnostics.toLowerCase(Locale.ROOT).contains("insert into"),
                () -> "no class names or SQL: " + response);
    }
}
