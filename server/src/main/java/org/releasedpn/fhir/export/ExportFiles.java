package org.releasedpn.fhir.export;

import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.BulkExportJobResults;
import ca.uhn.fhir.jpa.api.model.ExpungeOptions;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.JsonUtil;
import java.util.List;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

/**
 * Removes a finished export for good: each of its files (Binary resources HAPI's job wrote) is
 * deleted and the version holding its content expunged, so that the file can be read neither as it
 * is (410) nor as an old version (404); then the job, so that its poll URL answers 404. The deleted
 * Binary itself stays (without content): the audit trail's AuditEvents of the downloads still name
 * it. HAPI's own clean-up of expired exports only deletes the files, which keeps their content in
 * the resource history.
 */
public final class ExportFiles {
    /** Every version but the current one, which after the delete is the deletion (no content). */
    private static final ExpungeOptions CONTENT = new ExpungeOptions().setExpungeOldVersions(true);

    private final IFhirResourceDao<Binary> binaries;
    private final IJobPersistence jobs;

    public ExportFiles(IFhirResourceDao<Binary> binaries, IJobPersistence jobs) {
        this.binaries = binaries;
        this.jobs = jobs;
    }

    /** The files, then the job. A file no longer there is skipped: the job may have been half removed. */
    public void remove(JobInstance job) {
        for (String file : files(job)) {
            IdType id = new IdType(file).toUnqualifiedVersionless();
            SystemRequestDetails server = new SystemRequestDetails();
            try {
                binaries.delete(id, server);
            } catch (ResourceNotFoundException expunged) {
                continue;
            }
            // As HAPI's package cache removes its Binaries: expunge does not need $expunge enabled
            // for clients (it is not: it would let a client erase anything).
            binaries.forceExpungeInExistingTransaction(id, CONTENT, server);
        }
        jobs.deleteInstanceAndChunks(job.getInstanceId());
    }

    /** {@code Binary/…} of each file, from the job's report (its manifest). */
    static List<String> files(JobInstance job) {
        if (job.getReport() == null || job.getReport().isBlank()) {
            return List.of();
        }
        BulkExportJobResults results = JsonUtil.deserialize(job.getReport(), BulkExportJobResults.class);
        return results.getResourceTypeToBinaryIds().values().stream().flatMap(List::stream).toList();
    }
}
