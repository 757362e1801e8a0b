package org.releasedpn.fhir.bench.stats;

/** Rates over a measured wall-clock interval, rounded to a tenth, which is all a benchmark can resolve. */
public final class Throughput {
    private Throughput() {
    }

    public static double perSecond(long count, long elapsedNanos) {
        if (elapsedNanos <= 0) {
            return 0;
        }
        return Math.round(count * 1e9 / elapsedNanos * 10.0) / 10.0;
    }
}
