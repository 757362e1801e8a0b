package org.releasedpn.fhir.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;

/**
 * The audit trail is written by the server only: no client creates, changes or deletes an
 * AuditEvent, whatever its scopes, directly or inside a transaction or batch (405).
 */
@Interceptor
public final class AuditEventsReadOnly {

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        refuseClientWrite(resource, request, "created");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        refuseClientWrite(resource, request, "changed");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void beforeDelete(IBaseResource resource, RequestDetails request) {
        refuseClientWrite(resource, request, "deleted");
    }

    private static void refuseClientWrite(IBaseResource resource, RequestDetails request, String what) {
        if (resource instanceof AuditEvent && request instanceof ServletRequestDetails) {
            throw new MethodNotAllowedException("AuditEvents cannot be " + what + " by a client: the audit trail is "
                    + "written by the server only, and read with GET (read and search)", RequestTypeEnum.GET);
        }
    }
}
