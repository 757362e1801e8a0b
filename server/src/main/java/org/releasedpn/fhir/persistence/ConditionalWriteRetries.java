package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.model.ResourceVersionConflictResolutionStrategy;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * A conditional create or update that loses a race (another request, perhaps on another server
 * process, stored the match first) hits a unique constraint in the database; HAPI then answers 409
 * with the database's statement. Retried, the same request finds the match and gets the answer
 * FHIR gives a conditional write that finds one (the existing resource; an update of it). HAPI's
 * transaction service does the retrying when this hook asks for it; requests that are not
 * conditional are left to fail as before (a retry could not change their outcome).
 */
@Interceptor
public final class ConditionalWriteRetries {
    static final int RETRIES = 3;

    @Hook(Pointcut.STORAGE_VERSION_CONFLICT)
    public ResourceVersionConflictResolutionStrategy retryConditionalWrites(RequestDetails request) {
        ResourceVersionConflictResolutionStrategy strategy = new ResourceVersionConflictResolutionStrategy();
        if (request != null && isConditionalWrite(request)) {
            strategy.setRetry(true);
            strategy.setMaxRetries(RETRIES);
        }
        return strategy;
    }

    private static boolean isConditionalWrite(RequestDetails request) {
        boolean conditionalCreate = request.getRequestType() == RequestTypeEnum.POST && request.getHeader("If-None-Exist") != null;
        boolean conditionalUpdate = request.getRequestType() == RequestTypeEnum.PUT && request.getConditionalUrl(
                ca.uhn.fhir.rest.api.RestOperationTypeEnum.UPDATE) != null;
        boolean bundle = request.getResourceName() == null && request.getRequestType() == RequestTypeEnum.POST;
        return conditionalCreate || conditionalUpdate || bundle;
    }
}
