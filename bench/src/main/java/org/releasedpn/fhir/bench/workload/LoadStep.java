package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.stats.PhaseRecorder;

/** One unit of work of a phase (usually one request), run by load client {@code client}. */
@FunctionalInterface
interface LoadStep {
    void run(int client, long index, PhaseRecorder recorder);
}
