package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.data.EnrolledSubject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The subjects this run has put on-study. Kept sorted by subject number so that the generator,
 * which draws from it, stays deterministic however the enrolling clients interleaved.
 */
final class SubjectPool {
    private final List<EnrolledSubject> subjects = new ArrayList<>();
    private volatile List<EnrolledSubject> sorted = List.of();

    synchronized void add(EnrolledSubject subject) {
        subjects.add(subject);
        sorted = null;
    }

    List<EnrolledSubject> enrolled() {
        List<EnrolledSubject> current = sorted;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (sorted == null) {
                sorted = subjects.stream()
                        .sorted(Comparator.comparing(s -> s.plan().subjectNumber()))
                        .toList();
            }
            return sorted;
        }
    }

    int size() {
        return enrolled().size();
    }

    /** Fails the workload early when nothing could be enrolled: every later request would be rejected anyway. */
    void requireSome(String phase) {
        if (enrolled().isEmpty()) {
            throw new IllegalStateException("no subject could be enrolled; see the errors of phase " + phase);
        }
    }
}
