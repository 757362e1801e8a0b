package org.releasedpn.fhir.bench.stats;

import java.util.Arrays;

/**
 * Exact latency percentiles of recorded samples, by the nearest-rank method: the p-th percentile
 * is the smallest recorded value that at least p % of the samples do not exceed. Exact rather than
 * bucketed because the targets (p50 ≤ 4 ms) are close to histogram bucket widths.
 */
public record LatencySummary(long samples, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static LatencySummary ofNanos(long[] latencies, int count) {
        if (count == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        double sum = 0;
        for (long latency : sorted) {
            sum += latency;
        }
        return new LatencySummary(count,
                millis(percentile(sorted, 50)), millis(percentile(sorted, 95)), millis(percentile(sorted, 99)),
                millis(sorted[count - 1]), millis(sum / count));
    }

    /** Nearest rank: the value at 1-based rank ceil(p/100 · n) of the sorted samples. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    private static double millis(double nanos) {
        return Math.round(nanos / NANOS_PER_MILLI * 1000.0) / 1000.0;
    }
}
