package org.releasedpn.fhir.bench.report;

import org.releasedpn.fhir.bench.stats.PhaseResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything one run measured: its settings, a row per phase (warm-up apart from measured), the
 * server's memory where known, and workload-specific facts (start-up time, pages walked, ...).
 */
public record BenchReport(String workload, String startedAt, Map<String, Object> settings,
                          List<PhaseResult> phases, List<MemorySample> serverMemory, Map<String, Object> facts) {

    public long totalErrors() {
        return phases.stream().filter(p -> p.operation().equals("all")).mapToLong(PhaseResult::errors).sum();
    }

    /** Filled in by a workload as it goes; the run turns it into the immutable report. */
    public static final class Builder {
        private final String workload;
        private final String startedAt;
        private final Map<String, Object> settings;
        private final List<PhaseResult> phases = new ArrayList<>();
        private final List<MemorySample> serverMemory = new ArrayList<>();
        private final Map<String, Object> facts = new LinkedHashMap<>();

        public Builder(String workload, String startedAt, Map<String, Object> settings) {
            this.workload = workload;
            this.startedAt = startedAt;
            this.settings = new LinkedHashMap<>(settings);
        }

        public synchronized void addPhase(List<PhaseResult> results) {
            phases.addAll(results);
        }

        public synchronized void addMemory(MemorySample sample) {
            serverMemory.add(sample);
        }

        public synchronized void fact(String name, Object value) {
            facts.put(name, value);
        }

        public synchronized BenchReport build() {
            return new BenchReport(workload, startedAt, new LinkedHashMap<>(settings),
                    List.copyOf(phases), List.copyOf(serverMemory), new LinkedHashMap<>(facts));
        }
    }
}
