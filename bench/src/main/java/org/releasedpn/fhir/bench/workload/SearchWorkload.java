package org.releasedpn.fhir.bench.workload;

/**
 * The research queries: the study's TCSS totals 50 a page, one subject's observations in a date
 * window with {@code _include=Observation:subject}, and paging on via {@code next} links; then one
 * walk through all pages. Loads --preload resources first so the by-subject queries find data.
 */
final class SearchWorkload implements Workload {
    @Override
    public String name() {
        return "search";
    }

    @Override
    public String summary() {
        return "load --preload resources, then the research searches and a walk through all pages";
    }

    @Override
    public void run(WorkloadContext context) {
        long preload = context.options().preload();
        SubjectPool pool = new SubjectPool();
        int subjects = context.options().subjects() > 0 ? context.options().subjects()
                : Math.max(5, BulkLoad.subjectsFor(context, preload));
        long loaded = BulkLoad.load(context, pool, "enrol", "load", subjects, preload);
        context.report().fact("resourcesLoaded", loaded);
        context.sampleMemory("after-load");
        search(context, pool, "");
    }

    /** The search phases, shared with the scale workload ({@code suffix} names the data size). */
    static void search(WorkloadContext context, SubjectPool pool, String suffix) {
        ResearchSearches searches = new ResearchSearches(context.client(), pool, context.options().clients());
        context.phase("search warm-up" + suffix, context.options().warmup(), true, searches::rotate);
        context.phase("search" + suffix, context.options().requests(), true, searches::rotate);
        PageWalk.walkAll(context, pool, "page-walk" + suffix);
        context.sampleMemory("after-search" + suffix);
    }
}
