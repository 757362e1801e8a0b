package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * dpn-enrol-1: an Observation, AdverseEvent or Procedure linked to a trial is accepted only if its
 * subject has a ResearchSubject in that trial (in any status: screening data comes first).
 */
public final class EnrolmentRule implements TrialRule {
    @Override
    public String key() {
        return "dpn-enrol-1";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        List<String> studies = StudyLinks.studies(resource);
        Optional<String> patient = StudyLinks.patient(resource);
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        if (studies.isEmpty() || patient.isEmpty()) {
            return issues; // not linked to a trial, or no subject (the profiles demand one)
        }
        for (String study : studies) {
            if (!data.isEnrolled(patient.get(), study)) {
                issues.add(ruleViolation(key(), StudyLinks.patientElement(resource), patient.get()
                        + " is not enrolled in " + study + ": create its ResearchSubject first"));
            }
        }
        return issues;
    }
}
