package org.releasedpn.fhir.bench.testcases;

/** What a validator concluded about a resource in one step. */
enum Verdict {
    VALID("valid"),
    INVALID("invalid"),
    /** The server answered nothing usable (5xx, no response, or a body that is no OperationOutcome). */
    NONE("no verdict");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static Verdict of(boolean hasErrors) {
        return hasErrors ? INVALID : VALID;
    }
}
