package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * dpn-rs-4: at most one ResearchSubject per (Patient, study). This check gives the precise error;
 * under concurrency the database's unique index (see {@link RuleIndexes}) has the last word.
 */
public final class OneSubjectPerStudyRule implements TrialRule {
    @Override
    public String key() {
        return "dpn-rs-4";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        if (!(resource instanceof ResearchSubject subject) || !subject.getIndividual().hasReference()
                || !subject.getStudy().hasReference()) {
            return List.of();
        }
        String self = data.keyOf(subject);
        List<String> others = data.researchSubjects(subject.getIndividual().getReference(), subject.getStudy().getReference())
                .stream().filter(other -> !data.keyOf(other).equals(self))
                .map(other -> other.getIdElement().toUnqualifiedVersionless().getValue()).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        return List.of(ruleViolation(key(), "ResearchSubject.individual", subject.getIndividual().getReference()
                + " already has a ResearchSubject in " + subject.getStudy().getReference() + " (" + others.get(0)
                + "); update that one instead of creating another"));
    }
}
