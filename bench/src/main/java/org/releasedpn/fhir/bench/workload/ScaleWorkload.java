package org.releasedpn.fhir.bench.workload;

import java.util.Locale;

/**
 * Grows the data to each of --sizes resources (with transactions, for speed) and runs the search
 * phases at each size, to show how search latency scales (target: 1M no worse than 2x 10k).
 * Sizes count the resources this run created; data already on the server comes on top.
 */
final class ScaleWorkload implements Workload {
    @Override
    public String name() {
        return "scale";
    }

    @Override
    public String summary() {
        return "load up to each of --sizes resources in transactions, running the search phases at each";
    }

    @Override
    public void run(WorkloadContext context) {
        SubjectPool pool = new SubjectPool();
        long loaded = 0;
        for (long size : context.options().sizes()) {
            String at = "@" + size;
            long deficit = size - loaded;
            if (deficit > 0) {
                int subjects = BulkLoad.subjectsFor(context, deficit);
                context.progress().printf(Locale.ROOT, "scale: loading %d resources to reach %d (%d new subjects)%n",
                        deficit, size, subjects);
                loaded += BulkLoad.load(context, pool, "enrol" + at, "load" + at, subjects, deficit);
            }
            context.report().fact("resourcesLoaded" + at, loaded);
            context.sampleMemory("after-load" + at);
            SearchWorkload.search(context, pool, at);
        }
    }
}
