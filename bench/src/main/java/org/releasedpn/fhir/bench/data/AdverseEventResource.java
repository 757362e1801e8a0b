package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Random;

/**
 * An adverse event report (profile dpn-adverse-event). Severity is drawn first and the optional
 * CTCAE grade derived from it, so the two always agree (dpn-ae-2).
 */
final class AdverseEventResource {
    private AdverseEventResource() {
    }

    static ObjectNode build(Random random, String patientReference, StudyVisit visit,
                            String date, String recordedDate) {
        AdverseEventTerm term = AdverseEventTerm.values()[random.nextInt(AdverseEventTerm.values().length)];
        double roll = random.nextDouble();
        String severity = roll < 0.6 ? "mild" : roll < 0.9 ? "moderate" : "severe";
        boolean serious = severity.equals("severe") && random.nextBoolean();

        ObjectNode event = FhirElements.resource("AdverseEvent");
        ArrayNode extensions = event.putArray("extension").add(FhirElements.visitTag(visit));
        if (random.nextDouble() < 0.7) {
            extensions.add(FhirElements.JSON.objectNode()
                    .put("url", TrialCanonicals.CTCAE_GRADE_EXTENSION)
                    .put("valueInteger", ctcaeGrade(severity, random)));
        }
        event.put("actuality", "actual");
        ObjectNode coded = FhirElements.codeableConcept(TrialCanonicals.MEDDRA, term.meddraCode());
        ((ObjectNode) coded.get("coding").get(0)).put("display", term.term());
        coded.put("text", term.term());
        event.set("event", coded);
        event.set("subject", FhirElements.reference(patientReference));
        event.put("date", date);
        event.put("recordedDate", recordedDate);
        event.set("seriousness", FhirElements.codeableConcept(TrialCanonicals.AE_SERIOUSNESS,
                serious ? "Serious" : "Non-serious")); // R4 adverse-event-seriousness codes are capitalised
        event.set("severity", FhirElements.codeableConcept(TrialCanonicals.AE_SEVERITY, severity));
        event.set("outcome", FhirElements.codeableConcept(TrialCanonicals.AE_OUTCOME, outcome(severity, random)));
        event.set("study", FhirElements.listOf(FhirElements.reference(TrialCanonicals.STUDY_REFERENCE)));
        return event;
    }

    static int ctcaeGrade(String severity, Random random) {
        return switch (severity) {
            case "mild" -> 1;
            case "moderate" -> 2;
            // Grade 5 (death) is left out: a fatal outcome would be a different, rarer report.
            default -> 3 + random.nextInt(2);
        };
    }

    private static String outcome(String severity, Random random) {
        double roll = random.nextDouble();
        if (severity.equals("severe") && roll < 0.2) {
            return "resolvedWithSequelae";
        }
        return roll < 0.6 ? "resolved" : roll < 0.85 ? "recovering" : "ongoing";
    }
}
