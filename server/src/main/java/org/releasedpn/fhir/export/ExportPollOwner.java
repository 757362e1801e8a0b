package org.releasedpn.fhir.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.provider.ProviderConstants;
import java.util.Optional;
import org.releasedpn.fhir.security.AccessToken;

/**
 * Only the client that started an export polls it or cancels it ({@code $export-poll-status},
 * GET and DELETE): another client gets 403, as for the export's files ({@link ExportFileAccess}).
 * An export started without tokens (loopback) belongs to nobody in particular.
 */
@Interceptor
public final class ExportPollOwner {
    private final IJobCoordinator jobs;

    public ExportPollOwner(IJobCoordinator jobs) {
        this.jobs = jobs;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void polled(RequestDetails request) {
        if (!ProviderConstants.OPERATION_EXPORT_POLL_STATUS.equals(request.getOperation())) {
            return;
        }
        String[] jobId = request.getParameters().get(JpaConstants.PARAM_EXPORT_POLL_STATUS_JOB_ID);
        if (jobId == null || jobId.length != 1) {
            return; // HAPI answers 400
        }
        Optional<String> owner = owner(jobId[0]);
        Optional<String> caller = AccessToken.of(request).map(AccessToken::clientId);
        if (owner.isPresent() && !owner.equals(caller)) {
            throw new ForbiddenOperationException("This export was started by another client; only that client may "
                    + "poll, cancel or download it");
        }
    }

    private Optional<String> owner(String jobId) {
        JobInstance instance;
        try {
            instance = jobs.getInstance(jobId);
        } catch (ResourceNotFoundException unknown) {
            return Optional.empty(); // HAPI answers 404
        }
        return ExportRequest.client(instance.getParameters(BulkExportJobParameters.class));
    }
}
