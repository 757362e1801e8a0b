package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The contract's client-checkable invariants, one method per profile, written from the contract text. */
final class ContractChecks {
    private static final String STUDY_LINK = "http://hl7.org/fhir/StructureDefinition/workflow-researchStudy";
    private static final String VISIT = "http://fhir.release-dpn.org/StructureDefinition/study-visit";
    private static final String CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category";
    private static final Set<String> NERVES = Set.of("common-peroneal", "posterior-tibial", "deep-peroneal",
            "superficial-peroneal", "sural", "median", "ulnar");

    private ContractChecks() {
    }

    static void check(GeneratedResource generated, LocalDate today) {
        JsonNode resource = generated.resource();
        assertEquals(generated.kind().resourceType(), resource.path("resourceType").asText());
        switch (generated.kind()) {
            case TCSS -> tcss(resource);
            case NERVE_CONDUCTION -> nerveConduction(resource);
            case CRP -> crp(resource);
            case MSC_INJECTION -> mscInjection(resource);
            case ADVERSE_EVENT -> adverseEvent(resource);
            default -> { }
        }
        for (String field : new String[]{"effectiveDateTime", "performedDateTime", "date", "recordedDate"}) {
            if (resource.has(field)) {
                LocalDate day = OffsetDateTime.parse(resource.path(field).asText()).toLocalDate();
                assertTrue(day.isBefore(today), field + " " + day + " is not in the past");
            }
        }
    }

    static void tcss(JsonNode observation) {
        observationBasics(observation, "exam");
        assertEquals("http://fhir.release-dpn.org/CodeSystem/tcss", observation.at("/code/coding/0/system").asText());
        assertEquals("total", observation.at("/code/coding/0/code").asText());
        assertEquals("{score}", observation.at("/valueQuantity/code").asText());
        assertEquals("http://unitsofmeasure.org", observation.at("/valueQuantity/system").asText());
        JsonNode total = observation.at("/valueQuantity/value");
        assertTrue(total.isIntegralNumber(), "dpn-tcss-1 whole number");
        assertTrue(total.asInt() >= 0 && total.asInt() <= 19, "dpn-tcss-1 range");

        Set<String> items = new HashSet<>();
        int sum = 0;
        for (JsonNode component : observation.path("component")) {
            String code = component.at("/code/coding/0/code").asText();
            assertTrue(items.add(code), "dpn-tcss-2 item twice: " + code);
            assertTrue(component.path("valueInteger").isInt(), "items are valueInteger");
            int value = component.path("valueInteger").asInt();
            assertTrue(value >= 0 && value <= TcssItem.fromCode(code).maxScore(), "dpn-tcss-3 " + code + "=" + value);
            sum += value;
        }
        assertEquals(15, items.size(), "dpn-tcss-2 all 15 items");
        assertEquals(sum, total.asInt(), "dpn-tcss-2 total is the sum");

        JsonNode interpretation = observation.at("/interpretation/0/coding/0");
        if (!interpretation.isMissingNode()) {
            assertEquals("http://fhir.release-dpn.org/CodeSystem/tcss-severity", interpretation.path("system").asText());
            assertEquals(band(sum), interpretation.path("code").asText(), "dpn-tcss-4");
        }
    }

    static void nerveConduction(JsonNode observation) {
        observationBasics(observation, "procedure");
        assertEquals("http://fhir.release-dpn.org/CodeSystem/nerve-conduction", observation.at("/code/coding/0/system").asText());
        String kind = observation.at("/code/coding/0/code").asText();
        assertTrue(Set.of("motor-cv", "sensory-cv").contains(kind));
        assertEquals("http://fhir.release-dpn.org/CodeSystem/nerve", observation.at("/bodySite/coding/0/system").asText());
        assertTrue(NERVES.contains(observation.at("/bodySite/coding/0/code").asText()));
        JsonNode laterality = observation.at("/bodySite/extension/0");
        assertEquals("http://fhir.release-dpn.org/StructureDefinition/laterality", laterality.path("url").asText());
        assertEquals("http://snomed.info/sct", laterality.at("/valueCodeableConcept/coding/0/system").asText());
        assertTrue(Set.of("7771000", "24028007").contains(laterality.at("/valueCodeableConcept/coding/0/code").asText()));

        JsonNode value = observation.path("valueQuantity");
        if (value.isMissingNode()) {
            assertTrue(observation.has("dataAbsentReason"), "dpn-ncs-1 no value needs a dataAbsentReason");
        } else {
            assertEquals("m/s", value.path("code").asText());
            assertTrue(value.path("value").asDouble() > 0 && value.path("value").asDouble() <= 100, "dpn-ncs-1");
            assertFalse(observation.has("dataAbsentReason"));
        }
        for (JsonNode component : observation.path("component")) {
            String code = component.at("/code/coding/0/code").asText();
            JsonNode quantity = component.path("valueQuantity");
            if (code.equals("amplitude")) {
                assertEquals(kind.equals("motor-cv") ? "mV" : "uV", quantity.path("code").asText(), "dpn-ncs-2");
                assertTrue(quantity.path("value").asDouble() >= 0, "dpn-ncs-2");
            } else {
                assertEquals("distal-latency", code);
                assertEquals("ms", quantity.path("code").asText());
            }
        }
    }

    static void crp(JsonNode observation) {
        observationBasics(observation, "laboratory");
        assertEquals("http://loinc.org", observation.at("/code/coding/0/system").asText());
        assertTrue(Set.of("1988-5", "30522-7").contains(observation.at("/code/coding/0/code").asText()));
        assertEquals("mg/L", observation.at("/valueQuantity/code").asText(), "dpn-crp-1");
        double value = observation.at("/valueQuantity/value").asDouble();
        assertTrue(value >= 0 && value <= 500, "dpn-crp-2 " + value);
    }

    static void mscInjection(JsonNode procedure) {
        assertStudyLink(procedure);
        assertEquals("completed", procedure.path("status").asText());
        assertEquals("http://fhir.release-dpn.org/CodeSystem/intervention", procedure.at("/code/coding/0/system").asText());
        assertEquals("huc-msc-injection", procedure.at("/code/coding/0/code").asText());
        assertTrue(procedure.at("/subject/reference").asText().startsWith("Patient/"));
        assertTrue(Set.of("day-0", "day-7", "day-28").contains(visitCode(procedure)));
        assertTrue(procedure.has("performedDateTime"));
    }

    static void adverseEvent(JsonNode event) {
        assertEquals("actual", event.path("actuality").asText());
        assertEquals("ResearchStudy/release-dpn", event.at("/study/0/reference").asText());
        assertTrue(event.at("/subject/reference").asText().startsWith("Patient/"));
        assertTrue(event.has("event") && event.has("date"));
        assertTrue(Set.of("Serious", "Non-serious").contains(event.at("/seriousness/coding/0/code").asText()));
        assertTrue(event.at("/outcome/coding/0/code").isTextual());
        String severity = event.at("/severity/coding/0/code").asText();
        assertTrue(Set.of("mild", "moderate", "severe").contains(severity));
        for (JsonNode extension : event.path("extension")) {
            if (extension.path("url").asText().endsWith("/ctcae-grade")) {
                int grade = extension.path("valueInteger").asInt();
                String expected = grade == 1 ? "mild" : grade == 2 ? "moderate" : "severe";
                assertTrue(grade >= 1 && grade <= 5);
                assertEquals(expected, severity, "dpn-ae-2");
            }
        }
        assertFalse(event.path("recordedDate").asText().isEmpty());
        assertTrue(OffsetDateTime.parse(event.path("recordedDate").asText()).toLocalDate()
                .compareTo(OffsetDateTime.parse(event.path("date").asText()).toLocalDate()) >= 0);
    }

    static String visitCode(JsonNode resource) {
        for (JsonNode extension : resource.path("extension")) {
            if (extension.path("url").asText().equals(VISIT)) {
                assertEquals("http://fhir.release-dpn.org/CodeSystem/study-visit",
                        extension.at("/valueCoding/system").asText());
                return extension.at("/valueCoding/code").asText();
            }
        }
        return fail("no visit tag");
    }

    private static void observationBasics(JsonNode observation, String category) {
        assertStudyLink(observation);
        assertEquals("final", observation.path("status").asText());
        assertEquals(CATEGORY, observation.at("/category/0/coding/0/system").asText());
        assertEquals(category, observation.at("/category/0/coding/0/code").asText());
        assertTrue(observation.at("/subject/reference").asText().startsWith("Patient/"));
        assertTrue(observation.has("effectiveDateTime"));
        visitCode(observation);
    }

    private static void assertStudyLink(JsonNode resource) {
        boolean linked = false;
        for (JsonNode extension : resource.path("extension")) {
            if (extension.path("url").asText().equals(STUDY_LINK)) {
                assertEquals("ResearchStudy/release-dpn", extension.at("/valueReference/reference").asText());
                linked = true;
            }
        }
        assertTrue(linked, "study link extension");
    }

    private static String band(int total) {
        return total <= 5 ? "none" : total <= 8 ? "mild" : total <= 11 ? "moderate" : "severe";
    }
}
