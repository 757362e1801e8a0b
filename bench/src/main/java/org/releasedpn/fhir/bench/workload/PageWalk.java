package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.stats.PhaseRecorder;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Pages through ALL study TCSS results by following {@code next} links, one page at a time as a
 * research export would, until the last page, the first failed page or the time limit.
 */
final class PageWalk {
    private PageWalk() {
    }

    static void walkAll(WorkloadContext context, SubjectPool pool, String phase) {
        ResearchSearches walker = new ResearchSearches(context.client(), pool, 1);
        AtomicBoolean lastPageSeen = new AtomicBoolean();
        AtomicBoolean failed = new AtomicBoolean();
        CompletedPhase walk = context.runner().withClients(1).run(phase, Long.MAX_VALUE, true,
                (client, index, recorder) -> {
                    long errorsBefore = recorder.errors();
                    lastPageSeen.set(walker.nextPageOfWalk(0, recorder));
                    failed.set(recorder.errors() > errorsBefore);
                },
                () -> lastPageSeen.get() || failed.get());
        context.report().addPhase(walk.results());
        PhaseRecorder pages = walk.recorder();
        context.report().fact(phase + ".pages", pages.requests());
        context.report().fact(phase + ".resources", pages.resources());
        context.report().fact(phase + ".complete", lastPageSeen.get());
    }
}
