package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.stats.PhaseRecorder;
import org.releasedpn.fhir.bench.stats.PhaseResult;

import java.util.List;

/** A phase after its clients have stopped. */
record CompletedPhase(PhaseRecorder recorder, long elapsedNanos, boolean stoppedByTimeLimit) {

    List<PhaseResult> results() {
        return recorder.results(elapsedNanos, stoppedByTimeLimit);
    }
}
