package org.releasedpn.fhir.bench.workload;

/** One benchmark scenario, selected by name on the command line (blaze: one script per scenario). */
public interface Workload {
    String name();

    /** One line for the usage text. */
    String summary();

    void run(WorkloadContext context) throws Exception;
}
