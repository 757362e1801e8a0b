package org.releasedpn.fhir.installation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.releasedpn.fhir.validation.ConformanceResourceTypes;

/**
 * The trial's conformance resources come from its package only: over REST they can be read and
 * searched, never created, changed or deleted (also not inside a transaction). The package
 * installer writes them with a system request, which this lets through.
 */
@Interceptor
public final class ConformanceResourcesReadOnly {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        refuseFromClients(resource, request, "created");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        refuseFromClients(resource, request, "changed");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void beforeDelete(IBaseResource resource, RequestDetails request) {
        refuseFromClients(resource, request, "deleted");
    }

    private static void refuseFromClients(IBaseResource resource, RequestDetails request, String what) {
        if (request instanceof ServletRequestDetails && ConformanceResourceTypes.contains(resource)) {
            throw new MethodNotAllowedException(resource.fhirType() + " resources are the trial's conformance "
                    + "resources, installed from its FHIR package; they cannot be " + what + " over REST");
        }
    }
}
