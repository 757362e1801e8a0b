package org.releasedpn.fhir.bench.workload;

/**
 * Writes and research reads together (70/30 by default), interleaved evenly so every stretch of the
 * run has the same proportion, rather than random bursts that vary from run to run.
 */
final class MixedWorkload implements Workload {
    @Override
    public String name() {
        return "mixed";
    }

    @Override
    public String summary() {
        return "single-resource writes and research searches together, --write-percent writes (default 70)";
    }

    @Override
    public void run(WorkloadContext context) {
        long total = context.options().warmup() + context.options().requests();
        SubjectPool pool = Enrolment.oneByOne(context, "enrol", context.subjectsFor(total));
        ClinicalWrites writes = new ClinicalWrites(context.client(), context.generator(), pool);
        ResearchSearches searches = new ResearchSearches(context.client(), pool, context.options().clients());
        int writePercent = context.options().writePercent();
        LoadStep step = (client, index, recorder) -> {
            if (isWrite(index, writePercent)) {
                writes.createOne(recorder);
            } else {
                searches.read(index, recorder);
            }
        };
        context.phase("warm-up", context.options().warmup(), true, step);
        context.phase("measured", context.options().requests(), true, step);
        context.sampleMemory("after-load");
    }

    /** Exactly writePercent of every 100 consecutive steps are writes, spread evenly. */
    static boolean isWrite(long index, int writePercent) {
        return (index + 1) * writePercent / 100 > index * writePercent / 100;
    }
}
