package org.releasedpn.fhir.bench.stats;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhaseRecorderTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void countsRequestsErrorsAndResourcesPerOperation() {
        PhaseRecorder recorder = new PhaseRecorder("measured", true);
        recorder.success("transaction", 10_000_000, 100);
        recorder.success("transaction", 20_000_000, 100);
        recorder.failure("create tcss", 5_000_000, "HTTP 422: dpn-tcss-2");

        List<PhaseResult> rows = recorder.results(2 * SECOND, false);
        assertEquals(3, rows.size(), "an 'all' row and one per operation");
        PhaseResult all = rows.get(0);
        assertEquals("all", all.operation());
        assertEquals(3, all.requests());
        assertEquals(1, all.errors());
        assertEquals(1.5, all.throughput());
        assertEquals(200, all.resources());
        assertEquals(100.0, all.resourcesPerSecond());
        assertEquals(List.of("HTTP 422: dpn-tcss-2"), all.errorSamples());
        assertEquals(2, rows.get(1).requests());
        assertEquals(1, rows.get(2).errors());
    }

    @Test
    void keepsOnlyTheFirstFewErrorBodies() {
        PhaseRecorder recorder = new PhaseRecorder("measured", false);
        for (int i = 0; i < 20; i++) {
            recorder.failure("search", 1, "error " + i);
        }
        PhaseResult all = recorder.results(SECOND, true).get(0);
        assertEquals(20, all.errors());
        assertEquals(5, all.errorSamples().size());
        assertEquals("error 0", all.errorSamples().get(0));
        assertNull(all.resourcesPerSecond(), "reads-only phases opt out of resources/s");
        assertTrue(all.stoppedByTimeLimit());
    }

    @Test
    void oneOperationGivesOneRow() {
        PhaseRecorder recorder = new PhaseRecorder("warm-up", true);
        recorder.success("create crp", 1, 1);
        assertEquals(1, recorder.results(SECOND, false).size());
    }
}
