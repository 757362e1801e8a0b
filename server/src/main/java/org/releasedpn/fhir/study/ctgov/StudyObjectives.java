package org.releasedpn.fhir.study.ctgov;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyObjectiveComponent;

/**
 * The objectives: one per registered outcome measure, named by the measure. Primary and secondary
 * outcomes keep their rank; the registry's "other pre-specified" outcomes are R4's
 * {@code exploratory} objectives. R4 objectives have no place for an outcome's time frame or
 * description; those stay in the registry.
 */
final class StudyObjectives {

    static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-objective-type";

    private StudyObjectives() {}

    static List<ResearchStudyObjectiveComponent> fromRegistry(RegistryNode outcomesModule) {
        List<ResearchStudyObjectiveComponent> objectives = new ArrayList<>();
        add(objectives, outcomesModule.get("primaryOutcomes"), "primary", "Primary");
        add(objectives, outcomesModule.get("secondaryOutcomes"), "secondary", "Secondary");
        add(objectives, outcomesModule.get("otherOutcomes"), "exploratory", "Exploratory");
        if (objectives.isEmpty()) {
            // The contract requires an objective; a trial registers at least its primary outcome.
            throw outcomesModule.get("primaryOutcomes").missing();
        }
        return objectives;
    }

    private static void add(
            List<ResearchStudyObjectiveComponent> objectives, RegistryNode outcomes, String code, String display) {
        for (RegistryNode outcome : outcomes.items()) {
            objectives.add(new ResearchStudyObjectiveComponent()
                    .setName(outcome.get("measure").requiredText())
                    .setType(new CodeableConcept(new Coding(SYSTEM, code, display))));
        }
    }
}
