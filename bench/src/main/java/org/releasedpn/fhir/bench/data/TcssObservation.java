package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** A TCSS examination (profile dpn-tcss): all 15 items as components and their sum as the total. */
final class TcssObservation {
    private static final int MAX_DRAWS = 1_000;

    private TcssObservation() {
    }

    /**
     * @param pointProbability chance of each scoring point; higher means more severe neuropathy
     * @param minimumTotal     screening needs ≥ 9 (dpn-rs-3); follow-up visits use 0
     */
    static ObjectNode build(Random random, String patientReference, StudyVisit visit, String effective,
                            double pointProbability, int minimumTotal, boolean withInterpretation) {
        Map<TcssItem, Integer> scores = drawScores(random, pointProbability, minimumTotal);
        int total = scores.values().stream().mapToInt(Integer::intValue).sum();

        ObjectNode observation = FhirElements.resource("Observation");
        observation.putArray("extension").add(FhirElements.studyLink()).add(FhirElements.visitTag(visit));
        observation.put("status", "final");
        observation.set("category", FhirElements.listOf(
                FhirElements.codeableConcept(TrialCanonicals.OBSERVATION_CATEGORY, "exam")));
        observation.set("code", FhirElements.codeableConcept(TrialCanonicals.TCSS_SYSTEM, "total"));
        observation.set("subject", FhirElements.reference(patientReference));
        observation.put("effectiveDateTime", effective);
        observation.set("valueQuantity", FhirElements.ucumQuantity(total, "{score}"));
        if (withInterpretation) {
            observation.set("interpretation", FhirElements.listOf(FhirElements.codeableConcept(
                    TrialCanonicals.TCSS_SEVERITY_SYSTEM, TcssSeverity.of(total).code())));
        }
        ArrayNode components = observation.putArray("component");
        scores.forEach((item, score) -> {
            ObjectNode component = components.addObject();
            component.set("code", FhirElements.codeableConcept(TrialCanonicals.TCSS_SYSTEM, item.code()));
            component.put("valueInteger", score);
        });
        return observation;
    }

    private static Map<TcssItem, Integer> drawScores(Random random, double pointProbability, int minimumTotal) {
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            Map<TcssItem, Integer> scores = new EnumMap<>(TcssItem.class);
            int total = 0;
            for (TcssItem item : TcssItem.values()) {
                int score = 0;
                for (int point = 0; point < item.maxScore(); point++) {
                    score += random.nextDouble() < pointProbability ? 1 : 0;
                }
                scores.put(item, score);
                total += score;
            }
            if (total >= minimumTotal) {
                return scores;
            }
        }
        // Unreachable with the probabilities the generator uses; keeps the loop bounded regardless.
        Map<TcssItem, Integer> worst = new EnumMap<>(TcssItem.class);
        for (TcssItem item : TcssItem.values()) {
            worst.put(item, item.maxScore());
        }
        return worst;
    }
}
