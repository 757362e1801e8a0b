package org.releasedpn.fhir.bench.stats;

import java.util.List;

/**
 * The outcome of one phase (or of one operation within it) as reported in the table and the JSON.
 *
 * @param phase              warm-up, measured, enrol, load ... ({@code @size} appended by the scale workload)
 * @param operation          "all", or the operation these figures are restricted to
 * @param throughput         requests per second over the phase's wall-clock time
 * @param resourcesPerSecond resources written or returned per second; null where it means nothing
 * @param stoppedByTimeLimit the phase ended at --max-seconds before all its requests were sent
 */
public record PhaseResult(String phase, String operation, long requests, long errors, double seconds,
                          double throughput, long resources, Double resourcesPerSecond,
                          LatencySummary latency, boolean stoppedByTimeLimit, List<String> errorSamples) {
}
