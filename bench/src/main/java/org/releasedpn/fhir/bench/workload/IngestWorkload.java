package org.releasedpn.fhir.bench.workload;

/** Single-resource creates of the trial mix: what an EHR integration sends as results come in. */
final class IngestWorkload implements Workload {
    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public String summary() {
        return "enrol subjects, then POST one trial-mix resource per request";
    }

    @Override
    public void run(WorkloadContext context) {
        long total = context.options().warmup() + context.options().requests();
        SubjectPool pool = Enrolment.oneByOne(context, "enrol", context.subjectsFor(total));
        ClinicalWrites writes = new ClinicalWrites(context.client(), context.generator(), pool);
        context.phase("warm-up", context.options().warmup(), true, (client, index, recorder) -> writes.createOne(recorder));
        context.phase("measured", context.options().requests(), true, (client, index, recorder) -> writes.createOne(recorder));
        context.sampleMemory("after-load");
    }
}
