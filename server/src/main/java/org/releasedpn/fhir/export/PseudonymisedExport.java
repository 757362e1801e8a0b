package org.releasedpn.fhir.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.releasedpn.fhir.pseudonymisation.Pseudonymisation;

/**
 * The files of an export started in the pseudonymised view hold only pseudonymised resources.
 * HAPI's export job offers each resource it is about to write to this hook (meant for leaving
 * resources out); the resource is the job's own copy, loaded for this file, so it is masked in
 * place and then written. The view was decided at kick-off and recorded with the job.
 */
@Interceptor
public final class PseudonymisedExport {
    private final Pseudonymisation pseudonymisation;

    public PseudonymisedExport(Pseudonymisation pseudonymisation) {
        this.pseudonymisation = pseudonymisation;
    }

    @Hook(Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION)
    public boolean include(BulkExportJobParameters parameters, IBaseResource resource) {
        if (ExportRequest.pseudonymised(parameters)) {
            pseudonymisation.applyInPlace(resource);
        }
        return true;
    }
}
