package org.releasedpn.fhir.bench.stats;

import java.util.ArrayList;
import java.util.List;

/** The first few failures of a phase, kept whole enough to diagnose (an OperationOutcome fits). */
final class ErrorSamples {
    private static final int KEPT = 5;
    private static final int MAX_CHARS = 2_000;

    private final List<String> samples = new ArrayList<>();

    synchronized void offer(String description) {
        if (samples.size() < KEPT) {
            samples.add(description.length() > MAX_CHARS ? description.substring(0, MAX_CHARS) + "…" : description);
        }
    }

    synchronized List<String> samples() {
        return List.copyOf(samples);
    }
}
