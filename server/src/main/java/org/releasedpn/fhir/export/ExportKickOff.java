package org.releasedpn.fhir.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.List;
import org.releasedpn.fhir.pseudonymisation.PseudonymisedViewPolicy;
import org.releasedpn.fhir.security.AccessToken;

/**
 * At a client's {@code $export} kick-off, before the job is stored: records who asked and in which
 * view ({@link ExportRequest}), and what "every type" means when the client names none.
 * Runs before the scope check ({@code security.ScopeAuthorization}), which then sees the types.
 */
@Interceptor(order = ExportKickOff.ORDER)
public final class ExportKickOff {
    static final int ORDER = -2000;
    /** Other exports' files: never part of an export. */
    private static final String BINARY = "Binary";

    private final PseudonymisedViewPolicy viewPolicy;
    private final DaoRegistry daos;

    public ExportKickOff(PseudonymisedViewPolicy viewPolicy, DaoRegistry daos) {
        this.viewPolicy = viewPolicy;
        this.daos = daos;
    }

    @Hook(Pointcut.STORAGE_INITIATE_BULK_EXPORT)
    public void kickOff(RequestDetails request, BulkExportJobParameters parameters) {
        if (!(request instanceof ServletRequestDetails)) {
            return;
        }
        AccessToken.of(request).ifPresent(token -> ExportRequest.recordClient(parameters, token.clientId()));
        if (viewPolicy.pseudonymised(request)) {
            ExportRequest.recordPseudonymised(parameters);
        }
        if (parameters.getResourceTypes().isEmpty()) {
            // A system export without _type: every stored type the server has a DAO for.
            parameters.setResourceTypes(daos.getRegisteredDaoTypes().stream().filter(type -> !type.equals(BINARY)).sorted().toList());
        } else if (!request.getParameters().containsKey("_type")) {
            // A Patient or Group export without _type: HAPI listed the patient compartment's types.
            List<String> types = parameters.getResourceTypes().stream().filter(type -> !type.equals(BINARY)).toList();
            parameters.setResourceTypes(types);
        }
    }
}
