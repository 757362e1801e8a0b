package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Random;

/**
 * A C-reactive protein result (profile dpn-crp) in mg/L. Values are log-normal, as inflammation
 * markers are: mostly low single figures with a long tail, capped at the contract's 500 mg/L.
 */
final class CrpObservation {
    static final String STANDARD_LOINC = "1988-5";
    static final String HIGH_SENSITIVITY_LOINC = "30522-7";

    private CrpObservation() {
    }

    static ObjectNode build(Random random, String patientReference, StudyVisit visit, String effective) {
        boolean highSensitivity = random.nextBoolean();
        double median = highSensitivity ? 2.0 : 5.0;
        double value = Math.min(500, Math.max(0.1, median * Math.exp(random.nextGaussian())));

        ObjectNode observation = FhirElements.resource("Observation");
        observation.putArray("extension").add(FhirElements.studyLink()).add(FhirElements.visitTag(visit));
        observation.put("status", "final");
        observation.set("category", FhirElements.listOf(
                FhirElements.codeableConcept(TrialCanonicals.OBSERVATION_CATEGORY, "laboratory")));
        observation.set("code", FhirElements.codeableConcept(TrialCanonicals.LOINC,
                highSensitivity ? HIGH_SENSITIVITY_LOINC : STANDARD_LOINC));
        observation.set("subject", FhirElements.reference(patientReference));
        observation.put("effectiveDateTime", effective);
        observation.set("valueQuantity", FhirElements.ucumQuantity(value, highSensitivity ? 2 : 1, "mg/L"));
        return observation;
    }
}
