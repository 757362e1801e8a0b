package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;

/** Assertions on an OperationOutcome in the contract's rejection format (section 3). */
final class Outcomes {
    private Outcomes() {
    }

    static List<OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(Outcomes::isError).toList();
    }

    static boolean isError(OperationOutcomeIssueComponent issue) {
        return issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL;
    }

    /** The rule key is in details.text or diagnostics, as a whole word. */
    static boolean namesRule(OperationOutcomeIssueComponent issue, String ruleKey) {
        Predicate<String> mentions = text -> text != null && text.matches("(?s).*(?<![\\w-])" + ruleKey + "(?![\\w-]).*");
        return mentions.test(issue.getDetails().getText()) || mentions.test(issue.getDiagnostics());
    }

    static List<String> expressions(OperationOutcomeIssueComponent issue) {
        return issue.getExpression().stream().map(StringType::getValue).toList();
    }

    /** An error issue names {@code ruleKey} and, unless {@code expression} is empty, has exactly that expression. */
    static void assertRuleError(OperationOutcome outcome, String ruleKey, String expression) {
        List<OperationOutcomeIssueComponent> naming = errors(outcome).stream()
                .filter(issue -> namesRule(issue, ruleKey)).toList();
        if (naming.isEmpty()) {
            fail("No error issue names " + ruleKey + "; the issues are:\n" + describe(outcome));
        }
        if (!expression.isEmpty()) {
            assertTrue(naming.stream().anyMatch(issue -> expressions(issue).contains(expression)),
                    "No error naming " + ruleKey + " has expression " + expression + "; the issues are:\n"
                            + describe(outcome));
        }
    }

    static void assertNoErrors(OperationOutcome outcome) {
        assertTrue(errors(outcome).isEmpty(), () -> "Expected no error; the issues are:\n" + describe(outcome));
    }

    static String describe(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .map(issue -> "  " + issue.getSeverity() + " " + expressions(issue) + " details=" + issue.getDetails().getText()
                        + " diagnostics=" + issue.getDiagnostics())
                .collect(Collectors.joining("\n"));
    }
}
