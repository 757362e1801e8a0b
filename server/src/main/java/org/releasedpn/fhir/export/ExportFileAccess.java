package org.releasedpn.fhir.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.interceptor.binary.BinarySecurityContextInterceptor;
import org.hl7.fhir.instance.model.api.IBaseBinary;
import org.releasedpn.fhir.security.AccessToken;

/**
 * An export's files (Binary resources HAPI's job wrote with the client recorded in
 * {@code securityContext}, see {@link ExportRequest}) are shown only to that client: 403 for any
 * other. Runs before the pseudonymised view, which would show the Binary as a masked copy.
 */
@Interceptor(order = ExportFileAccess.ORDER)
public final class ExportFileAccess extends BinarySecurityContextInterceptor {
    static final int ORDER = -10;

    public ExportFileAccess(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    protected boolean securityContextIdentifierAllowed(String system, String value, RequestDetails request) {
        if (!ExportRequest.CLIENT_SYSTEM.equals(system)) {
            return true; // a Binary a client stored with its own securityContext: not an export file, as before
        }
        return AccessToken.of(request).map(token -> token.clientId().equals(value)).orElse(false);
    }

    @Override
    protected void handleForbidden(IBaseBinary binary) {
        throw new ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException(
                "This file belongs to an export another client started; only that client may download it");
    }
}
