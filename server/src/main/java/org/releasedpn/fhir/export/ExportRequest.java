package org.releasedpn.fhir.export;

import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import java.util.Optional;

/**
 * What the server records about who asked for an export, in the job's own parameters (HAPI
 * stores them with the job, so they hold across restarts and on every server of the database):
 * the job runs later, in the background, without the client's request.
 */
public final class ExportRequest {
    /** The system of the Binary.securityContext identifier that names the client owning an export file. */
    public static final String CLIENT_SYSTEM = "http://fhir.release-dpn.org/oauth-client";
    private static final String CLIENT = "dpn-client";
    private static final String PSEUDONYMISED = "dpn-pseudonymised";

    private ExportRequest() {
    }

    static void recordClient(BulkExportJobParameters parameters, String clientId) {
        parameters.setUserData(CLIENT, clientId);
        // HAPI copies these onto every Binary the job writes; ExportFileAccess checks them on download.
        parameters.setBinarySecurityContextIdentifierSystem(CLIENT_SYSTEM);
        parameters.setBinarySecurityContextIdentifierValue(clientId);
    }

    static void recordPseudonymised(BulkExportJobParameters parameters) {
        parameters.setUserData(PSEUDONYMISED, Boolean.TRUE);
    }

    /** The OAuth client that started the export; empty when it was started without tokens (loopback). */
    static Optional<String> client(BulkExportJobParameters parameters) {
        return Optional.ofNullable(parameters.getUserData().get(CLIENT)).map(Object::toString);
    }

    static boolean pseudonymised(BulkExportJobParameters parameters) {
        // A Boolean when recorded, whatever JSON made of it when the job read its stored parameters.
        return "true".equals(String.valueOf(parameters.getUserData().get(PSEUDONYMISED)));
    }
}
