package org.releasedpn.fhir.bench.workload;

/**
 * Loads a given number of resources as fast as the server takes them: subjects enrolled in
 * transactions, then the trial mix in transaction Bundles. Used to give searches data to find.
 */
final class BulkLoad {
    /** Resources an enrolment writes per subject: Patient, ResearchSubject, screening TCSS. */
    static final int RESOURCES_PER_ENROLMENT = 3;
    private static final int RESOURCES_PER_SUBJECT = 25;

    private BulkLoad() {
    }

    /**
     * @param subjects subjects to enrol first (0 for none)
     * @return the resources actually created, enrolment included
     */
    static long load(WorkloadContext context, SubjectPool pool, String enrolPhase, String loadPhase,
                     int subjects, long resources) {
        long created = 0;
        if (subjects > 0) {
            created += Enrolment.inTransactionsCounted(context, enrolPhase, subjects, pool);
        }
        long remaining = Math.max(0, resources - created);
        int bundleSize = context.options().bundleSize();
        long bundles = (remaining + bundleSize - 1) / bundleSize;
        ClinicalWrites writes = new ClinicalWrites(context.client(), context.generator(), pool);
        CompletedPhase loaded = context.phase(loadPhase, bundles, true, (client, index, recorder) ->
                writes.postTransaction((int) Math.min(bundleSize, remaining - index * bundleSize), recorder));
        return created + loaded.recorder().resources();
    }

    /** Subjects for a bulk load: the trial-like density, or --subjects when given. */
    static int subjectsFor(WorkloadContext context, long resources) {
        if (context.options().subjects() > 0) {
            return context.options().subjects();
        }
        return (int) Math.max(1, resources / RESOURCES_PER_SUBJECT);
    }
}
