package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Random;

/**
 * A nerve conduction study of one nerve on one side (profile dpn-nerve-conduction). Velocities are
 * those of a neuropathic population; some responses are absent, as is common in severe DPN.
 */
final class NerveConductionObservation {
    private static final double ABSENT_RESPONSE_RATE = 0.08;
    private static final String LEFT = "7771000";
    private static final String RIGHT = "24028007";

    private NerveConductionObservation() {
    }

    static ObjectNode build(Random random, String patientReference, StudyVisit visit, String effective) {
        boolean motor = random.nextBoolean();
        List<Nerve> nerves = Nerve.studiedFor(motor);
        Nerve nerve = nerves.get(random.nextInt(nerves.size()));

        ObjectNode observation = FhirElements.resource("Observation");
        observation.putArray("extension").add(FhirElements.studyLink()).add(FhirElements.visitTag(visit));
        observation.put("status", "final");
        observation.set("category", FhirElements.listOf(
                FhirElements.codeableConcept(TrialCanonicals.OBSERVATION_CATEGORY, "procedure")));
        observation.set("code", FhirElements.codeableConcept(
                TrialCanonicals.NERVE_CONDUCTION_SYSTEM, motor ? "motor-cv" : "sensory-cv"));
        observation.set("subject", FhirElements.reference(patientReference));
        observation.put("effectiveDateTime", effective);
        observation.set("bodySite", bodySite(nerve, random.nextBoolean() ? LEFT : RIGHT));

        if (random.nextDouble() < ABSENT_RESPONSE_RATE) {
            ObjectNode absent = FhirElements.codeableConcept(TrialCanonicals.DATA_ABSENT_REASON, "unknown");
            absent.put("text", "No response elicited");
            observation.set("dataAbsentReason", absent);
            return observation;
        }
        double velocity = clamp(42 + random.nextGaussian() * 6, 15, 70);
        observation.set("valueQuantity", FhirElements.ucumQuantity(velocity, 1, "m/s"));

        ArrayNode components = FhirElements.JSON.arrayNode();
        if (random.nextDouble() < 0.7) {
            double amplitude = motor ? clamp(4 + random.nextGaussian() * 2, 0.1, 15)
                    : clamp(8 + random.nextGaussian() * 5, 0.5, 40);
            components.add(component("amplitude", FhirElements.ucumQuantity(amplitude, 1, motor ? "mV" : "uV")));
        }
        if (random.nextDouble() < 0.7) {
            double latency = motor ? clamp(4.5 + random.nextGaussian(), 2, 9)
                    : clamp(3.2 + random.nextGaussian() * 0.6, 1.5, 6);
            components.add(component("distal-latency", FhirElements.ucumQuantity(latency, 2, "ms")));
        }
        if (!components.isEmpty()) {
            observation.set("component", components);
        }
        return observation;
    }

    private static ObjectNode bodySite(Nerve nerve, String lateralityCode) {
        ObjectNode site = FhirElements.JSON.objectNode();
        site.putArray("extension").add(FhirElements.extension(TrialCanonicals.LATERALITY_EXTENSION,
                "valueCodeableConcept", FhirElements.codeableConcept(TrialCanonicals.SNOMED, lateralityCode)));
        site.putArray("coding").add(FhirElements.coding(TrialCanonicals.NERVE_SYSTEM, nerve.code()));
        return site;
    }

    private static ObjectNode component(String code, ObjectNode quantity) {
        ObjectNode component = FhirElements.JSON.objectNode();
        component.set("code", FhirElements.codeableConcept(TrialCanonicals.NERVE_CONDUCTION_SYSTEM, code));
        component.set("valueQuantity", quantity);
        return component;
    }

    private static double clamp(double value, double lowest, double highest) {
        return Math.max(lowest, Math.min(highest, value));
    }
}
