package org.releasedpn.fhir.bench.testcases;

import java.util.List;

/**
 * One verdict step: the reference's verdict beside the server's.
 *
 * @param step       {@code base} (no profile) or {@code profile} (with {@code ?profile=})
 * @param notLoaded  supporting resources the server did not take, as {@code Type/id: why}; a step
 *                   is still judged without them, but they often explain a disagreement
 * @param settings   validator settings the case asks for that {@code $validate} could not pass on
 */
record StepResult(String caseName, String step, ReferenceVerdict expected, ServerVerdict got,
                  List<String> notLoaded, List<String> settings) {
    static final String BASE = "base";
    static final String PROFILE = "profile";

    boolean agrees() {
        return expected.verdict() == got.verdict();
    }

    /** The line printed for a disagreement. */
    String describe() {
        StringBuilder line = new StringBuilder()
                .append(caseName).append(" [").append(step).append("]: expected ").append(expected.verdict().label())
                .append(", got ").append(got.verdict().label()).append(" (HTTP ").append(got.status()).append(')');
        if (!got.firstError().isEmpty()) {
            line.append(" server: ").append(got.firstError());
        }
        if (!expected.firstError().isEmpty()) {
            line.append(" | reference: ").append(expected.firstError());
        }
        if (!notLoaded.isEmpty()) {
            line.append(" | not loaded: ").append(String.join("; ", notLoaded));
        }
        return line.toString();
    }
}
