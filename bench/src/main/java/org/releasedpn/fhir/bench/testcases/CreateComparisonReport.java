package org.releasedpn.fhir.bench.testcases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The closing lines of a {@code --compare-create} run; the last one is the figure. */
final class CreateComparisonReport {
    private CreateComparisonReport() {
    }

    static List<String> lines(List<CreateComparison> results) {
        long refusedButValid = 0;
        long storedButInvalid = 0;
        long noVerdict = 0;
        long compared = 0;
        long agreeing = 0;
        long notCleaned = 0;
        Map<String, Integer> skipped = new TreeMap<>();
        for (CreateComparison result : results) {
            if (!result.compared()) {
                skipped.merge(result.skipped(), 1, Integer::sum);
                continue;
            }
            compared++;
            if (result.agrees()) {
                agreeing++;
            } else if (result.validate().verdict() == Verdict.NONE || result.create().verdict() == Verdict.NONE) {
                noVerdict++;
            } else if (result.validate().verdict() == Verdict.VALID) {
                refusedButValid++;
            } else {
                storedButInvalid++;
            }
            if (!result.cleanup().isEmpty() && !result.cleanup().endsWith(" deleted")) {
                notCleaned++;
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("disagreements: " + refusedButValid + " create refused what $validate found valid, " + storedButInvalid
                + " create stored what $validate found invalid, " + noVerdict + " without a verdict on one side (5xx, no answer)");
        if (!skipped.isEmpty()) {
            List<String> reasons = new ArrayList<>();
            skipped.forEach((why, count) -> reasons.add(count + " " + why));
            lines.add(skipped.values().stream().mapToInt(Integer::intValue).sum() + " cases skipped: "
                    + String.join(", ", reasons));
        }
        if (notCleaned > 0) {
            lines.add(notCleaned + " created resources could not be deleted (see the cleanup column)");
        }
        lines.add(agreeing + " of " + compared + " cases: $validate and create agree");
        return lines;
    }
}
