package org.releasedpn.fhir.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.batch2.model.StatusEnum;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.releasedpn.fhir.rest.DirectResponse;

/**
 * HAPI's {@code $export} and {@code $export-poll-status}, and one thing more: a DELETE on the
 * poll URL of a finished export removes its files (202), as the Bulk Data IG lets a client ask
 * once it has downloaded them. HAPI cancels only running exports and answers 404 for a finished
 * one. HAPI finds its annotated operation methods on this class's superclass and calls them on
 * this object, so the override below answers the poll; everything else is HAPI's. Who may poll or
 * delete was checked before ({@link ExportPollOwner}, and the token's scopes).
 */
public class ExportOperations extends BulkDataExportProvider {
    private final IJobCoordinator jobs;
    private final ExportFiles files;
    private final FhirContext fhirContext;

    public ExportOperations(IJobCoordinator jobs, ExportFiles files, FhirContext fhirContext) {
        this.jobs = jobs;
        this.files = files;
        this.fhirContext = fhirContext;
    }

    @Override
    public void exportPollStatus(IPrimitiveType<String> jobId, ServletRequestDetails request) throws IOException {
        if (request.getRequestType() == RequestTypeEnum.DELETE && jobId != null && jobId.hasValue()) {
            JobInstance job = jobs.getInstance(jobId.getValueAsString()); // unknown: HAPI's 404
            if (job.getStatus() == StatusEnum.COMPLETED) {
                files.remove(job);
                answerRemoved(request);
                return;
            }
        }
        super.exportPollStatus(jobId, request);
    }

    private void answerRemoved(ServletRequestDetails request) throws IOException {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("The export's files were deleted; its poll URL and files now answer 404");
        HttpServletResponse response = request.getServletResponse();
        DirectResponse.write(fhirContext, request, response, outcome, HttpServletResponse.SC_ACCEPTED);
    }
}
