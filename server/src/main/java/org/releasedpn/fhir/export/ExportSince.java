package org.releasedpn.fhir.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import java.util.Date;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * {@code _since} for every kind of export: only resources changed at or after it. HAPI 8.8.0
 * applies it to system exports but not when it fetches a Patient or Group export's compartment
 * resources; this drops the older ones before they are written.
 */
@Interceptor
public final class ExportSince {
    @Hook(Pointcut.STORAGE_BULK_EXPORT_RESOURCE_INCLUSION)
    public boolean include(BulkExportJobParameters parameters, IBaseResource resource) {
        Date since = parameters.getSince();
        Date updated = resource.getMeta().getLastUpdated();
        return since == null || updated == null || !updated.before(since);
    }
}
