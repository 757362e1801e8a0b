package org.releasedpn.fhir.bench.workload;

/** Transaction Bundles of the trial mix (100 entries by default): bulk loads and site batch uploads. */
final class TransactionWorkload implements Workload {
    @Override
    public String name() {
        return "transaction";
    }

    @Override
    public String summary() {
        return "enrol subjects, then POST transaction Bundles of --bundle-size trial-mix entries";
    }

    @Override
    public void run(WorkloadContext context) {
        int bundleSize = context.options().bundleSize();
        long resources = (context.options().warmup() + context.options().requests()) * bundleSize;
        SubjectPool pool = new SubjectPool();
        Enrolment.inTransactions(context, "enrol", context.subjectsFor(resources), pool);
        ClinicalWrites writes = new ClinicalWrites(context.client(), context.generator(), pool);
        context.phase("warm-up", context.options().warmup(), true,
                (client, index, recorder) -> writes.postTransaction(bundleSize, recorder));
        context.phase("measured", context.options().requests(), true,
                (client, index, recorder) -> writes.postTransaction(bundleSize, recorder));
        context.report().fact("entriesPerBundle", bundleSize);
        context.sampleMemory("after-load");
    }
}
