package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Java reference validator's verdict for one step, from the manifest's {@code java} expectation:
 * either an OperationOutcome (inline under {@code outcome}, or the content of the outcome file the
 * manifest names), or bare counts ({@code errorCount}, {@code fatalCount}) with an {@code output}
 * list of messages. Invalid when it expects at least one error or fatal issue.
 *
 * @param firstError the first expected error message, or "" when the reference expects none
 */
record ReferenceVerdict(Verdict verdict, String firstError) {

    /**
     * @param expectation the resolved expectation: an OperationOutcome, or an object holding
     *                    {@code outcome} and/or {@code errorCount} / {@code fatalCount}
     */
    static ReferenceVerdict of(JsonNode expectation) {
        JsonNode outcome = OperationOutcomes.isOperationOutcome(expectation) ? expectation : expectation.path("outcome");
        int errors = 0;
        String first = "";
        if (OperationOutcomes.isOperationOutcome(outcome)) {
            errors = OperationOutcomes.errorCount(outcome);
            first = OperationOutcomes.firstError(outcome).orElse("");
        }
        // Counts stand beside or instead of the outcome in older-style entries; either one is enough.
        int counted = expectation.path("errorCount").asInt(0) + expectation.path("fatalCount").asInt(0);
        if (counted > 0 && first.isEmpty()) {
            first = expectation.path("output").path(0).asText("");
        }
        return new ReferenceVerdict(Verdict.of(Math.max(errors, counted) > 0), first);
    }
}
