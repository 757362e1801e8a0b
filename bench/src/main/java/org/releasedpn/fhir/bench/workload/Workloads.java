package org.releasedpn.fhir.bench.workload;

import java.util.List;
import java.util.Optional;

/** The list of workloads: adding a scenario means adding a class and a line here. */
public final class Workloads {
    private static final List<Workload> ALL = List.of(
            new StartupWorkload(),
            new IngestWorkload(),
            new TransactionWorkload(),
            new ValidateWorkload(),
            new SearchWorkload(),
            new MixedWorkload(),
            new ScaleWorkload(),
            new EndpointReportWorkload());

    private Workloads() {
    }

    public static List<Workload> all() {
        return ALL;
    }

    public static Optional<Workload> named(String name) {
        return ALL.stream().filter(w -> w.name().equals(name)).findFirst();
    }
}
