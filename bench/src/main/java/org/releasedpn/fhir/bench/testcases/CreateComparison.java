package org.releasedpn.fhir.bench.testcases;

import java.util.List;

/**
 * One case's base file sent twice: to {@code POST [type]/$validate?mode=create} and to
 * {@code POST [type]}. They agree when both give the same verdict; no verdict on either side (a
 * 5xx, no answer) never agrees. A skipped case (its type cannot be created, or names no type) is
 * not compared at all.
 *
 * @param validate  the {@code $validate} verdict: any error or fatal issue means invalid
 * @param create    the create verdict: 2xx valid, 4xx invalid (see {@link ServerVerdict#ofCreate})
 * @param notLoaded supporting resources the server did not take, as for the {@code $validate} steps
 * @param cleanup   what became of the stored resource: {@code Type/id deleted}, why it was not, or ""
 *                  when nothing was stored
 * @param skipped   why the case was not compared, or "" when it was
 */
record CreateComparison(String caseName, String resourceType, ServerVerdict validate, ServerVerdict create,
                        List<String> notLoaded, String cleanup, String skipped) {

    static CreateComparison skipped(String caseName, String resourceType, String why) {
        ServerVerdict none = new ServerVerdict(Verdict.NONE, 0, "");
        return new CreateComparison(caseName, resourceType, none, none, List.of(), "", why);
    }

    boolean compared() {
        return skipped.isEmpty();
    }

    boolean agrees() {
        return compared() && validate.verdict() != Verdict.NONE && validate.verdict() == create.verdict();
    }

    /** The line printed for a disagreement: both answers, each with its status and first error. */
    String describe() {
        StringBuilder line = new StringBuilder()
                .append(caseName).append(" (").append(resourceType).append("): $validate ")
                .append(answer(validate)).append("; create ").append(answer(create));
        if (!notLoaded.isEmpty()) {
            line.append(" | not loaded: ").append(String.join("; ", notLoaded));
        }
        return line.toString();
    }

    private static String answer(ServerVerdict verdict) {
        String text = verdict.verdict().label() + " (HTTP " + verdict.status() + ")";
        return verdict.firstError().isEmpty() ? text : text + " " + verdict.firstError();
    }
}
