package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Reads an OperationOutcome the way the test cases judge one: an issue of severity {@code error} or
 * {@code fatal} makes the resource invalid; warnings and information do not.
 */
final class OperationOutcomes {
    private OperationOutcomes() {
    }

    static boolean isOperationOutcome(JsonNode node) {
        return node != null && "OperationOutcome".equals(node.path("resourceType").asText());
    }

    static int errorCount(JsonNode outcome) {
        int count = 0;
        for (JsonNode issue : outcome.path("issue")) {
            if (isError(issue)) {
                count++;
            }
        }
        return count;
    }

    /** The first error's text: details.text, else diagnostics, else its code. */
    static Optional<String> firstError(JsonNode outcome) {
        for (JsonNode issue : outcome.path("issue")) {
            if (isError(issue)) {
                return Optional.of(text(issue));
            }
        }
        return Optional.empty();
    }

    private static boolean isError(JsonNode issue) {
        String severity = issue.path("severity").asText();
        return severity.equals("error") || severity.equals("fatal");
    }

    private static String text(JsonNode issue) {
        String details = issue.path("details").path("text").asText("");
        String text = !details.isEmpty() ? details : issue.path("diagnostics").asText("");
        if (text.isEmpty()) {
            text = issue.path("code").asText("");
        }
        JsonNode expression = issue.path("expression").path(0);
        return expression.isMissingNode() ? text : text + " @ " + expression.asText();
    }
}
