package org.releasedpn.fhir.export;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.maintenance.JobMaintenanceServiceImpl;
import java.time.Duration;

/**
 * How often HAPI's Batch2 maintenance pass runs. The pass moves every job on: it queues the
 * chunks a step produced for the next step and marks a job complete. HAPI runs it once a minute,
 * so a $export of a handful of resources (four steps) took minutes; every few seconds it takes
 * seconds, at the cost of one small query on the job tables per pass.
 */
public final class JobMaintenancePace {
    public static final Duration INTERVAL = Duration.ofSeconds(2);

    private JobMaintenancePace() {
    }

    /** Before the scheduler starts (Spring's context refresh), which reads the interval once. */
    public static void apply(IJobMaintenanceService maintenance) {
        if (maintenance instanceof JobMaintenanceServiceImpl hapi) {
            hapi.setScheduledJobFrequencyMillis(INTERVAL.toMillis());
        }
    }
}
