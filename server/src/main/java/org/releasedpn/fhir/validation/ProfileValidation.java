package org.releasedpn.fhir.validation;

import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * What validating one resource found.
 *
 * @param profiles what the resource may carry in meta.profile once stored: the trial's profiles
 *                 (plain canonical URLs) and other guides' claims as sent (contract section 2)
 * @param checked  those of {@code profiles} that the server has and so validated against
 * @param issues   every issue, each with its FHIRPath location and, for the trial's rules, the rule key
 */
public record ProfileValidation(Set<String> profiles, Set<String> checked, List<OperationOutcomeIssueComponent> issues) {

    public boolean hasErrors() {
        return issues.stream().anyMatch(ProfileValidation::isError);
    }

    public List<OperationOutcomeIssueComponent> warnings() {
        return issues.stream().filter(issue -> issue.getSeverity() == IssueSeverity.WARNING).toList();
    }

    public List<OperationOutcomeIssueComponent> errors() {
        return issues.stream().filter(ProfileValidation::isError).toList();
    }

    static boolean isError(OperationOutcomeIssueComponent issue) {
        return issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL;
    }

    /** The issues as an OperationOutcome, each expression prefixed (e.g. "Bundle.entry[2].resource."). */
    public static OperationOutcome outcome(List<OperationOutcomeIssueComponent> issues) {
        OperationOutcome outcome = new OperationOutcome();
        issues.forEach(outcome::addIssue);
        return outcome;
    }
}
