package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Builders for the FHIR R4 datatypes the trial resources are made of (Coding, CodeableConcept,
 * Reference, Quantity, Extension), so each resource class reads like the resource it builds.
 */
final class FhirElements {
    static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private FhirElements() {
    }

    static ObjectNode resource(String resourceType) {
        return JSON.objectNode().put("resourceType", resourceType);
    }

    static ObjectNode coding(String system, String code) {
        return JSON.objectNode().put("system", system).put("code", code);
    }

    static ObjectNode codeableConcept(String system, String code) {
        ObjectNode concept = JSON.objectNode();
        concept.putArray("coding").add(coding(system, code));
        return concept;
    }

    static ArrayNode listOf(ObjectNode element) {
        return JSON.arrayNode().add(element);
    }

    static ObjectNode reference(String reference) {
        return JSON.objectNode().put("reference", reference);
    }

    /** A UCUM quantity; the value is rounded so that the JSON shows what a device would report. */
    static ObjectNode ucumQuantity(double value, int decimals, String ucumCode) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP);
        return JSON.objectNode()
                .put("value", rounded)
                .put("unit", ucumCode)
                .put("system", TrialCanonicals.UCUM)
                .put("code", ucumCode);
    }

    static ObjectNode ucumQuantity(int value, String ucumCode) {
        return JSON.objectNode()
                .put("value", value)
                .put("unit", ucumCode)
                .put("system", TrialCanonicals.UCUM)
                .put("code", ucumCode);
    }

    static ObjectNode extension(String url, String valueField, ObjectNode value) {
        ObjectNode extension = JSON.objectNode().put("url", url);
        extension.set(valueField, value);
        return extension;
    }

    /** The trial link every Observation and Procedure carries (contract section 1). */
    static ObjectNode studyLink() {
        return extension(TrialCanonicals.STUDY_LINK_EXTENSION, "valueReference",
                reference(TrialCanonicals.STUDY_REFERENCE));
    }

    static ObjectNode visitTag(StudyVisit visit) {
        return extension(TrialCanonicals.VISIT_EXTENSION, "valueCoding",
                coding(TrialCanonicals.STUDY_VISIT_SYSTEM, visit.code()));
    }
}
