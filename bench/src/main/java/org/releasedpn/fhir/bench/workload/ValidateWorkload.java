package org.releasedpn.fhir.bench.workload;

/**
 * {@code POST [type]/$validate} of the trial mix: the "would this be accepted?" call integrators
 * make. A few subjects are enrolled first so references point at real resources, whatever the
 * server's reference checking.
 */
final class ValidateWorkload implements Workload {
    private static final int MOST_SUBJECTS = 50;

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "POST [type]/$validate of trial-mix resources (errors in the OperationOutcome count as errors)";
    }

    @Override
    public void run(WorkloadContext context) {
        long total = context.options().warmup() + context.options().requests();
        int subjects = context.options().subjects() > 0 ? context.options().subjects()
                : Math.min(MOST_SUBJECTS, context.subjectsFor(total));
        SubjectPool pool = Enrolment.oneByOne(context, "enrol", subjects);
        ClinicalWrites writes = new ClinicalWrites(context.client(), context.generator(), pool);
        context.phase("warm-up", context.options().warmup(), true, (client, index, recorder) -> writes.validateOne(recorder));
        context.phase("measured", context.options().requests(), true, (client, index, recorder) -> writes.validateOne(recorder));
        context.sampleMemory("after-load");
    }
}
