package org.releasedpn.fhir.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LatencySummaryTest {
    private static final long MS = 1_000_000;

    @Test
    void nearestRankPercentilesOfOneToHundredMilliseconds() {
        List<Long> values = new ArrayList<>();
        for (long i = 1; i <= 100; i++) {
            values.add(i * MS);
        }
        Collections.shuffle(values, new Random(1));
        LatencySummary summary = LatencySummary.ofNanos(values.stream().mapToLong(Long::longValue).toArray(), 100);
        assertEquals(100, summary.samples());
        assertEquals(50.0, summary.p50Ms());
        assertEquals(95.0, summary.p95Ms());
        assertEquals(99.0, summary.p99Ms());
        assertEquals(100.0, summary.maxMs());
        assertEquals(50.5, summary.meanMs());
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        long[] tenValues = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
        for (int i = 0; i < tenValues.length; i++) {
            tenValues[i] *= MS;
        }
        LatencySummary summary = LatencySummary.ofNanos(tenValues, 10);
        assertEquals(5.0, summary.p50Ms());
        assertEquals(10.0, summary.p95Ms(), "rank ceil(9.5) = 10");
        assertEquals(10.0, summary.p99Ms());
    }

    @Test
    void onlyTheRecordedPrefixCounts() {
        long[] buffer = {3 * MS, 1 * MS, 2 * MS, 999 * MS};
        LatencySummary summary = LatencySummary.ofNanos(buffer, 3);
        assertEquals(2.0, summary.p50Ms());
        assertEquals(3.0, summary.maxMs());
    }

    @Test
    void singleAndEmptySamples() {
        assertEquals(1.5, LatencySummary.ofNanos(new long[]{1_500_000}, 1).p99Ms());
        assertEquals(0, LatencySummary.ofNanos(new long[0], 0).samples());
    }

    @Test
    void sub_millisecondLatenciesKeepMicrosecondResolution() {
        assertEquals(0.123, LatencySummary.ofNanos(new long[]{123_456}, 1).p50Ms());
    }
}
