package org.releasedpn.fhir.bench.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Collects the requests of one phase from all load clients: latency per operation and overall,
 * errors with their first bodies, and the resources moved.
 */
public final class PhaseRecorder {
    private final String phase;
    private final boolean countsResources;
    private final LatencyRecorder all = new LatencyRecorder();
    private final Map<String, Operation> operations = new LinkedHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong resources = new AtomicLong();
    private final ErrorSamples errorSamples = new ErrorSamples();

    /** @param countsResources whether resources/s means something for this phase (writes, searches) */
    public PhaseRecorder(String phase, boolean countsResources) {
        this.phase = phase;
        this.countsResources = countsResources;
    }

    public String phase() {
        return phase;
    }

    public void success(String operation, long nanos, int resourceCount) {
        all.record(nanos);
        Operation op = operation(operation);
        op.latency.record(nanos);
        op.resources.addAndGet(resourceCount);
        resources.addAndGet(resourceCount);
    }

    public void failure(String operation, long nanos, String description) {
        all.record(nanos);
        Operation op = operation(operation);
        op.latency.record(nanos);
        op.errors.incrementAndGet();
        errors.incrementAndGet();
        errorSamples.offer(description);
        op.errorSamples.offer(description);
    }

    public long requests() {
        return all.count();
    }

    public long errors() {
        return errors.get();
    }

    public long resources() {
        return resources.get();
    }

    /** One row for the whole phase, then one per operation when there is more than one. */
    public List<PhaseResult> results(long elapsedNanos, boolean stoppedByTimeLimit) {
        List<PhaseResult> results = new ArrayList<>();
        results.add(result("all", all, errors.get(), resources.get(), errorSamples, elapsedNanos, stoppedByTimeLimit));
        List<Map.Entry<String, Operation>> ops;
        synchronized (operations) {
            ops = new ArrayList<>(operations.entrySet());
        }
        if (ops.size() > 1) {
            for (Map.Entry<String, Operation> entry : ops) {
                Operation op = entry.getValue();
                results.add(result(entry.getKey(), op.latency, op.errors.get(), op.resources.get(),
                        op.errorSamples, elapsedNanos, stoppedByTimeLimit));
            }
        }
        return results;
    }

    private PhaseResult result(String operation, LatencyRecorder latency, long errorCount, long resourceCount,
                               ErrorSamples samples, long elapsedNanos, boolean stopped) {
        double seconds = Math.round(elapsedNanos / 1e6) / 1000.0;
        return new PhaseResult(phase, operation, latency.count(), errorCount, seconds,
                Throughput.perSecond(latency.count(), elapsedNanos), resourceCount,
                countsResources ? Throughput.perSecond(resourceCount, elapsedNanos) : null,
                latency.summary(), stopped, samples.samples());
    }

    private Operation operation(String name) {
        synchronized (operations) {
            return operations.computeIfAbsent(name, k -> new Operation());
        }
    }

    private static final class Operation {
        final LatencyRecorder latency = new LatencyRecorder();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong resources = new AtomicLong();
        final ErrorSamples errorSamples = new ErrorSamples();
    }
}
