package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BodyStructureLimitsTest {
    private final BodyStructureLimits limits = new BodyStructureLimits(3, 5, 4,
            new OperationOutcomeBody(FhirContext.forR4Cached()));

    @Test
    void jsonArraysUpToTheLimitPass() {
        assertEquals(Optional.empty(), json("{\"resourceType\":\"Patient\",\"identifier\":[{\"value\":\"1\"},{\"value\":\"2\"},"
                + "{\"value\":\"3\"}],\"name\":[{\"given\":[\"a\",\"b\",\"c\"]}]}"));
    }

    @Test
    void aJsonArrayBeyondTheLimitIs413NamingTheElementAndVariable() {
        BodyStructureLimits.Exceeded exceeded = json("{\"resourceType\":\"Patient\",\"name\":[{\"given\":[\"a\",\"b\",\"c\",\"d\"]}]}")
                .orElseThrow();

        assertEquals(413, exceeded.status());
        assertTrue(exceeded.message().contains("'given' repeats more than 3"), exceeded.message());
        assertTrue(exceeded.message().contains("FHIR_MAX_REPETITIONS"), exceeded.message());
    }

    @Test
    void arraysOfArraysAndObjectsCountTheirOwnItems() {
        // Three names of three givens each: no array holds more than three items.
        String name = "{\"given\":[\"a\",\"b\",\"c\"]}";
        assertEquals(Optional.empty(), json("{\"name\":[" + name + "," + name + "," + name + "]}"));
        assertTrue(json("{\"x\":[[1],[2],[3],[4]]}").isPresent(), "four nested arrays in one array");
    }

    @Test
    void bundleEntriesHaveTheirOwnLimit() {
        String entry = "{\"resource\":{\"resourceType\":\"Patient\"}}";
        assertEquals(Optional.empty(), json("{\"resourceType\":\"Bundle\",\"entry\":[" + String.join(",",
                java.util.Collections.nCopies(5, entry)) + "]}"));

        BodyStructureLimits.Exceeded exceeded = json("{\"resourceType\":\"Bundle\",\"entry\":[" + String.join(",",
                java.util.Collections.nCopies(6, entry)) + "]}").orElseThrow();
        assertEquals(413, exceeded.status());
        assertTrue(exceeded.message().contains("FHIR_MAX_BUNDLE_ENTRIES"), exceeded.message());
    }

    @Test
    void aTransactionIsCountedAndHasItsOwnLimitInJsonAndXml() {
        String entry = "{\"resource\":{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{},{}]}}";
        BodyStructureLimits.Scan json = new BodyStructureLimits.Scan();
        assertEquals(Optional.empty(), limits.checkJson(("{\"resourceType\":\"Bundle\",\"entry\":[" + String.join(",",
                java.util.Collections.nCopies(5, entry)) + "],\"type\":\"transaction\"}").getBytes(StandardCharsets.UTF_8), json));
        assertTrue(json.isTransaction(), "the Bundle's own type, not a nested one's");
        assertEquals(5, json.entries);

        BodyStructureLimits.Scan xml = new BodyStructureLimits.Scan();
        assertEquals(Optional.empty(), limits.checkXml(("<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"transaction\"/>"
                + "<entry><resource><Patient/></resource></entry>".repeat(3) + "</Bundle>").getBytes(StandardCharsets.UTF_8), xml));
        assertTrue(xml.isTransaction());
        assertEquals(3, xml.entries);

        assertEquals(Optional.empty(), limits.checkTransaction(4));
        BodyStructureLimits.Exceeded exceeded = limits.checkTransaction(5).orElseThrow();
        assertEquals(413, exceeded.status());
        assertTrue(exceeded.message().contains("FHIR_MAX_TRANSACTION_ENTRIES"), exceeded.message());
    }

    @Test
    void deepJsonNestingIs400() {
        String deep = "[".repeat(BodyStructureLimits.MAX_DEPTH + 1) + "]".repeat(BodyStructureLimits.MAX_DEPTH + 1);
        String fits = "{\"a\":" + "[".repeat(BodyStructureLimits.MAX_DEPTH - 1) + "]".repeat(BodyStructureLimits.MAX_DEPTH - 1) + "}";

        assertEquals(400, json(deep).orElseThrow().status());
        assertEquals(Optional.empty(), json(fits));
    }

    @Test
    void xmlSiblingsOfOneNameCountAsOneRepeatingElement() {
        assertEquals(Optional.empty(), xml("<Patient xmlns=\"http://hl7.org/fhir\"><identifier/><identifier/><identifier/>"
                + "<name/><name/><name/></Patient>"));

        BodyStructureLimits.Exceeded exceeded = xml("<Patient xmlns=\"http://hl7.org/fhir\"><name/><identifier/><identifier/>"
                + "<identifier/><identifier/></Patient>").orElseThrow();
        assertEquals(413, exceeded.status());
        assertTrue(exceeded.message().contains("'identifier'"), exceeded.message());
    }

    @Test
    void deepXmlNestingIs400() {
        int levels = BodyStructureLimits.MAX_DEPTH + 1;
        String deep = "<extension>".repeat(levels) + "</extension>".repeat(levels);

        assertEquals(400, xml(deep).orElseThrow().status());
    }

    @Test
    void malformedBodiesAreLeftToTheFhirParser() {
        assertEquals(Optional.empty(), json("{\"name\":[1,2"));
        assertEquals(Optional.empty(), xml("<Patient><name></Patient>"));
    }

    private Optional<BodyStructureLimits.Exceeded> json(String body) {
        return limits.checkJson(body.getBytes(StandardCharsets.UTF_8));
    }

    private Optional<BodyStructureLimits.Exceeded> xml(String body) {
        return limits.checkXml(body.getBytes(StandardCharsets.UTF_8));
    }
}
