package org.releasedpn.fhir.bench.report;

import org.releasedpn.fhir.bench.stats.LatencySummary;
import org.releasedpn.fhir.bench.stats.PhaseResult;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The human-readable form of a report: one aligned row per phase and operation. */
public final class ReportTable {
    private static final String ROW = "%-22s %-30s %9s %7s %9s %9s %9s %9s %9s %9s%n";

    private ReportTable() {
    }

    public static void print(BenchReport report, PrintStream out) {
        out.printf("%nworkload %s  (started %s)%n", report.workload(), report.startedAt());
        out.printf(Locale.ROOT, ROW, "phase", "operation", "requests", "errors", "req/s", "res/s",
                "p50 ms", "p95 ms", "p99 ms", "max ms");
        for (PhaseResult row : report.phases()) {
            LatencySummary latency = row.latency();
            String phase = row.stoppedByTimeLimit() ? row.phase() + " (time limit)" : row.phase();
            out.printf(Locale.ROOT, ROW, phase, abbreviate(row.operation()), row.requests(), row.errors(),
                    number(row.throughput()), row.resourcesPerSecond() == null ? "-" : number(row.resourcesPerSecond()),
                    number(latency.p50Ms()), number(latency.p95Ms()), number(latency.p99Ms()), number(latency.maxMs()));
        }
        for (MemorySample sample : report.serverMemory()) {
            out.printf(Locale.ROOT, "server RSS %-22s %10.1f MB%n", sample.moment(), sample.rssMb());
        }
        for (Map.Entry<String, Object> fact : report.facts().entrySet()) {
            out.printf(Locale.ROOT, "%-33s %s%n", fact.getKey(), fact.getValue());
        }
        for (PhaseResult row : report.phases()) {
            if (row.operation().equals("all") && !row.errorSamples().isEmpty()) {
                out.printf("first errors of %s:%n", row.phase());
                row.errorSamples().forEach(sample -> out.println("  " + sample.replace('\n', ' ')));
            }
        }
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 30 ? text : text.substring(0, 29) + "…";
    }
}
