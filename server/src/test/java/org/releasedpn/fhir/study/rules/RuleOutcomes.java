package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.StringType;
import org.releasedpn.fhir.testsupport.Http;

/** Assertions on answers in the contract's rejection format (section 3) for the study rules. */
final class RuleOutcomes {
    private RuleOutcomes() {
    }

    /**
     * 422 with an error issue that names {@code ruleKey} in details.text or diagnostics, whose
     * text contains every one of {@code fragments} (ignoring case), and, unless
     * {@code expression} is null, whose expression is exactly {@code expression}.
     */
    static OperationOutcomeIssueComponent assertRejected(Http.Response response, String ruleKey, String expression,
                                                         String... fragments) {
        assertEquals(422, response.status(), () -> "expected 422 naming " + ruleKey + ", got " + response);
        return assertRuleError(response.operationOutcome(), ruleKey, expression, fragments);
    }

    static OperationOutcomeIssueComponent assertRuleError(OperationOutcome outcome, String ruleKey, String expression,
                                                          String... fragments) {
        List<OperationOutcomeIssueComponent> naming = errors(outcome).stream()
                .filter(issue -> namesRule(issue, ruleKey)).toList();
        if (naming.isEmpty()) {
            fail("No error issue names " + ruleKey + "; the issues are:\n" + describe(outcome));
        }
        List<OperationOutcomeIssueComponent> saying = naming.stream()
                .filter(issue -> List.of(fragments).stream().allMatch(f -> text(issue).contains(f.toLowerCase(Locale.ROOT))))
                .toList();
        assertTrue(!saying.isEmpty(), () -> "No error naming " + ruleKey + " says " + List.of(fragments)
                + "; the issues are:\n" + describe(outcome));
        if (expression != null) {
            assertTrue(saying.stream().anyMatch(issue -> expressions(issue).stream().anyMatch(e -> located(e, expression))),
                    () -> "No error naming " + ruleKey + " is located at " + expression + "; the issues are:\n"
                            + describe(outcome));
        }
        return saying.get(0);
    }

    /** {@code expected} exactly, or, when it ends with {@code *}, as a prefix ({@code Bundle.entry[1].resource*}). */
    private static boolean located(String actual, String expected) {
        return expected.endsWith("*") ? actual.startsWith(expected.substring(0, expected.length() - 1))
                : actual.equals(expected);
    }

    /** 200 or 201 (created, or updated in place). */
    static void assertAccepted(Http.Response response) {
        assertTrue(response.status() == 200 || response.status() == 201, () -> "expected acceptance, got " + response);
    }

    static void assertNoRuleError(OperationOutcome outcome, String ruleKey) {
        assertTrue(errors(outcome).stream().noneMatch(issue -> namesRule(issue, ruleKey)),
                () -> "Expected no error naming " + ruleKey + "; the issues are:\n" + describe(outcome));
    }

    static List<OperationOutcomeIssueComponent> errors(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .filter(issue -> issue.getSeverity() == IssueSeverity.ERROR || issue.getSeverity() == IssueSeverity.FATAL)
                .toList();
    }

    /** The rule key as a whole word in details.text or diagnostics. */
    static boolean namesRule(OperationOutcomeIssueComponent issue, String ruleKey) {
        String word = "(?s).*(?<![\\w-])" + java.util.regex.Pattern.quote(ruleKey) + "(?![\\w-]).*";
        return (issue.getDetails().getText() != null && issue.getDetails().getText().matches(word))
                || (issue.getDiagnostics() != null && issue.getDiagnostics().matches(word));
    }

    private static String text(OperationOutcomeIssueComponent issue) {
        return (issue.getDetails().getText() + " " + issue.getDiagnostics()).toLowerCase(Locale.ROOT);
    }

    private static List<String> expressions(OperationOutcomeIssueComponent issue) {
        return issue.getExpression().stream().map(StringType::getValue).toList();
    }

    static String describe(OperationOutcome outcome) {
        return outcome.getIssue().stream()
                .map(issue -> "  " + issue.getSeverity() + " " + expressions(issue) + " details="
                        + issue.getDetails().getText() + " diagnostics=" + issue.getDiagnostics())
                .collect(Collectors.joining("\n"));
    }
}
