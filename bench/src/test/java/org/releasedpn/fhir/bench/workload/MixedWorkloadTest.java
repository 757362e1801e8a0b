package org.releasedpn.fhir.bench.workload;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MixedWorkloadTest {
    @Test
    void writesAreExactlyTheRequestedShareOfEveryHundredSteps() {
        for (int percent : new int[]{0, 30, 70, 100}) {
            int writes = 0;
            for (long i = 0; i < 100; i++) {
                writes += MixedWorkload.isWrite(i, percent) ? 1 : 0;
            }
            assertEquals(percent, writes);
        }
    }

    @Test
    void writesAreSpreadEvenly() {
        int longestReadRun = 0;
        int run = 0;
        for (long i = 0; i < 1000; i++) {
            run = MixedWorkload.isWrite(i, 70) ? 0 : run + 1;
            longestReadRun = Math.max(longestReadRun, run);
        }
        assertTrue(longestReadRun <= 1, "at 70 % writes no two reads in a row");
    }
}
