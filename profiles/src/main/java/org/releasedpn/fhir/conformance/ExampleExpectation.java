package org.releasedpn.fhir.conformance;

/**
 * One row of {@code examples/expectations.csv}: what validating an example must give.
 *
 * @param file path relative to the examples folder, e.g. {@code invalid/dpn-tcss-3.json}
 * @param profile canonical URL of the profile the example is meant for
 * @param ruleKey the contract rule the example breaks (empty for valid examples)
 * @param expression where the validator must report the error (empty unless checked by the profile)
 */
record ExampleExpectation(String file, String profile, Outcome outcome, String ruleKey, String expression,
        CheckedBy checkedBy) {

    enum Outcome {
        VALID, INVALID
    }

    /** Who catches the broken rule: the validator with the profiles, or a Java rule of the server. */
    enum CheckedBy {
        PROFILE, SERVER
    }
}
