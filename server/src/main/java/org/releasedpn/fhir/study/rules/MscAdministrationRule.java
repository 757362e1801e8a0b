package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * dpn-enrol-2: an hUC-MSC administration is accepted only for a subject whose assignedArm is
 * "Experimental group", and at most one per subject and visit. Under concurrency the database's
 * unique index (see {@link RuleIndexes}) has the last word on the second half.
 */
public final class MscAdministrationRule implements TrialRule {
    @Override
    public String key() {
        return "dpn-enrol-2";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        if (!(resource instanceof Procedure procedure) || !TrialCodes.isMscAdministration(procedure)
                || !procedure.getSubject().hasReference()) {
            return List.of();
        }
        String patient = procedure.getSubject().getReference();
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (String study : StudyLinks.studies(procedure)) {
            List<ResearchSubject> subjects = data.researchSubjects(patient, study);
            boolean experimental = subjects.stream().anyMatch(s -> TrialCodes.EXPERIMENTAL_ARM.equals(s.getAssignedArm()));
            if (!subjects.isEmpty() && !experimental) {
                issues.add(ruleViolation(key(), "Procedure.subject", patient + " is not assigned to the '"
                        + TrialCodes.EXPERIMENTAL_ARM + "' arm of " + study + " (assignedArm: "
                        + subjects.get(0).getAssignedArm() + "); only that arm receives hUC-MSC injections"));
            }
        }
        visit(procedure).ifPresent(visit -> {
            String self = data.keyOf(procedure);
            boolean repeated = data.mscAdministrations(patient).stream()
                    .filter(other -> !data.keyOf(other).equals(self))
                    .anyMatch(other -> visit(other).filter(visit::equals).isPresent());
            if (repeated) {
                issues.add(ruleViolation(key(), "Procedure.extension('" + TrialCanonicals.STUDY_VISIT_EXTENSION + "')", patient
                        + " already has an hUC-MSC injection recorded for visit " + visit));
            }
        });
        return issues;
    }

    static Optional<String> visit(Procedure procedure) {
        return procedure.getExtensionsByUrl(TrialCanonicals.STUDY_VISIT_EXTENSION).stream()
                .filter(extension -> extension.getValue() instanceof Coding)
                .map(extension -> ((Coding) extension.getValue()).getCode())
                .filter(code -> code != null).findFirst();
    }
}
