package org.releasedpn.fhir.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The transaction Bundle a write belongs to. HAPI stores each entry through a sub-request whose
 * resource is not the Bundle, but which shares the request's user data; the Bundle is left there
 * when the transaction arrives, so that the study rules can see the whole of it.
 */
public final class TransactionInProgress {
    private static final String KEY = TransactionInProgress.class.getName();

    private TransactionInProgress() {
    }

    static void remember(RequestDetails request, Bundle transaction) {
        request.getUserData().put(KEY, transaction);
    }

    public static Optional<Bundle> of(RequestDetails request) {
        return request == null ? Optional.empty()
                : Optional.ofNullable((Bundle) request.getUserData().get(KEY));
    }
}
