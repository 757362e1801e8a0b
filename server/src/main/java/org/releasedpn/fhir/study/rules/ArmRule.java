package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/** dpn-rs-1: assignedArm and actualArm, when present, name an arm of the referenced study exactly. */
public final class ArmRule implements TrialRule {
    @Override
    public String key() {
        return "dpn-rs-1";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        if (!(resource instanceof ResearchSubject subject) || (!subject.hasAssignedArm() && !subject.hasActualArm())) {
            return List.of();
        }
        Optional<ResearchStudy> study = data.study(subject.getStudy().getReference());
        if (study.isEmpty()) {
            return List.of(); // the reference itself is checked by the server's referential integrity
        }
        List<String> arms = study.get().getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        check(subject.getAssignedArm(), "assignedArm", arms, subject, issues);
        check(subject.getActualArm(), "actualArm", arms, subject, issues);
        return issues;
    }

    private void check(String arm, String element, List<String> arms, ResearchSubject subject,
                       List<OperationOutcomeIssueComponent> issues) {
        if (arm != null && !arms.contains(arm)) {
            issues.add(ruleViolation(key(), "ResearchSubject." + element, element + " '" + arm
                    + "' is not an arm of " + subject.getStudy().getReference() + " (its arms: " + arms + ")"));
        }
    }
}
