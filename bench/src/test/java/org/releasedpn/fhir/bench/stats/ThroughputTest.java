package org.releasedpn.fhir.bench.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ThroughputTest {
    @Test
    void countOverElapsedSeconds() {
        assertEquals(250.0, Throughput.perSecond(500, 2_000_000_000L));
        assertEquals(1000.0, Throughput.perSecond(100, 100_000_000L));
    }

    @Test
    void roundsToATenth() {
        assertEquals(333.3, Throughput.perSecond(1000, 3_000_000_000L));
    }

    @Test
    void noElapsedTimeMeansNoRate() {
        assertEquals(0.0, Throughput.perSecond(10, 0));
    }
}
