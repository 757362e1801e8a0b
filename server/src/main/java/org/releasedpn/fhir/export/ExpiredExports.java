package org.releasedpn.fhir.export;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.jpa.model.sched.HapiJob;
import ca.uhn.fhir.jpa.model.sched.IHasScheduledJobs;
import ca.uhn.fhir.jpa.model.sched.ISchedulerService;
import ca.uhn.fhir.jpa.model.sched.ScheduledJobDefinition;
import ca.uhn.fhir.util.Batch2JobDefinitionConstants;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.quartz.JobExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.PageRequest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports whose files have been kept for FHIR_EXPORT_RETENTION_HOURS after the job ended are
 * removed for good ({@link ExportFiles}: files expunged, then the job). HAPI's own hourly clean-up
 * would only delete the files, leaving their content in the history, and up to an hour late;
 * this pass runs every {@link #INTERVAL} on HAPI's scheduler (one node at a time on PostgreSQL)
 * and gets to them first. Failed exports are left, as HAPI leaves them, for investigation.
 */
public final class ExpiredExports implements IHasScheduledJobs {
    static final Duration INTERVAL = Duration.ofMinutes(10);
    private static final Set<StatusEnum> FINISHED = Set.of(StatusEnum.COMPLETED, StatusEnum.CANCELLED);
    private static final int BATCH = 50;

    private final IJobPersistence jobs;
    private final ExportFiles files;
    private final TransactionTemplate transactions;
    private final Duration retention;
    private final Clock clock;

    public ExpiredExports(IJobPersistence jobs, ExportFiles files, TransactionTemplate transactions,
                          Duration retention, Clock clock) {
        this.jobs = jobs;
        this.files = files;
        this.transactions = transactions;
        this.retention = retention;
        this.clock = clock;
    }

    @Override
    public void scheduleJobs(ISchedulerService scheduler) {
        ScheduledJobDefinition pass = new ScheduledJobDefinition();
        pass.setId(ExpiredExports.class.getName());
        pass.setJobClass(Pass.class);
        scheduler.scheduleClusteredJob(INTERVAL.toMillis(), pass);
    }

    /** Removes every finished export that ended longer than the retention ago; how many. */
    public int removeExpired() {
        Date cutoff = Date.from(clock.instant().minus(retention));
        int removed = 0;
        while (true) {
            List<JobInstance> expired = transactions.execute(status -> jobs.fetchInstances(
                    Batch2JobDefinitionConstants.BULK_EXPORT, FINISHED, cutoff, PageRequest.of(0, BATCH)));
            if (expired == null || expired.isEmpty()) {
                return removed;
            }
            expired.forEach(files::remove);
            removed += expired.size();
        }
    }

    /** HAPI's scheduler makes one of these per run and injects the pass into it. */
    public static final class Pass implements HapiJob {
        @Autowired
        private ExpiredExports expiredExports;

        @Override
        public void execute(JobExecutionContext context) {
            expiredExports.removeExpired();
        }
    }
}
