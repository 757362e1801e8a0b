package org.releasedpn.fhir.validation;

import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** Turns validator messages into OperationOutcome issues in the contract's format (section 3). */
public final class ValidationIssues {
    private final RuleKeys ruleKeys;

    public ValidationIssues(RuleKeys ruleKeys) {
        this.ruleKeys = ruleKeys;
    }

    public OperationOutcomeIssueComponent fromValidator(SingleValidationMessage message) {
        Optional<String> ruleKey = ruleKeys.foundIn(message.getMessage());
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
                .setSeverity(severity(message.getSeverity()))
                .setCode(ruleKey.isPresent() ? IssueType.INVARIANT : IssueType.PROCESSING)
                .setDiagnostics(message.getMessage());
        ruleKey.ifPresent(key -> issue.setDetails(new CodeableConcept().setText(key + ": " + message.getMessage())));
        if (message.getLocationString() != null) {
            issue.addExpression(message.getLocationString());
        }
        return issue;
    }

    /** An error found by the server's own rules rather than by the validator. */
    public static OperationOutcomeIssueComponent ruleViolation(String ruleKey, String expression, String text) {
        OperationOutcomeIssueComponent issue = new OperationOutcomeIssueComponent()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(IssueType.BUSINESSRULE)
                .setDiagnostics(ruleKey + ": " + text)
                .setDetails(new CodeableConcept().setText(ruleKey + ": " + text));
        issue.addExpression(expression);
        return issue;
    }

    /**
     * A copy of the issue located inside a Bundle entry:
     * {@code Observation.component[3]} in entry 2 becomes {@code Bundle.entry[2].resource.component[3]}.
     */
    public static OperationOutcomeIssueComponent inEntry(OperationOutcomeIssueComponent issue, String entryPath,
                                                         String resourceType) {
        OperationOutcomeIssueComponent copy = issue.copy();
        copy.getExpression().clear();
        for (var expression : issue.getExpression()) {
            String path = expression.getValue();
            String inResource = path.equals(resourceType) ? ""
                    : path.startsWith(resourceType + ".") ? path.substring(resourceType.length()) : "." + path;
            copy.addExpression(entryPath + inResource);
        }
        if (copy.getExpression().isEmpty()) {
            copy.addExpression(entryPath);
        }
        return copy;
    }

    private static IssueSeverity severity(ResultSeverityEnum severity) {
        return switch (severity) {
            case FATAL -> IssueSeverity.FATAL;
            case ERROR -> IssueSeverity.ERROR;
            case WARNING -> IssueSeverity.WARNING;
            case INFORMATION -> IssueSeverity.INFORMATION;
        };
    }
}
