package org.releasedpn.fhir.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The transaction Bundle a write belongs to. HAPI stores each entry through a sub-request whose
 * resource is not the Bundle, but which shares the request's user data; the Bundle is left there
 * when the transaction arrives, so that the study rules can see the whole of it.
 */
public final class TransactionInProgress {
    private static final String KEY = TransactionInProgress.class.getName();
    private static final String LOOKUPS = KEY + ".lookups";

    private TransactionInProgress() {
    }

    static void remember(RequestDetails request, Bundle transaction) {
        request.getUserData().put(KEY, transaction);
    }

    public static Optional<Bundle> of(RequestDetails request) {
        return request == null ? Optional.empty()
                : Optional.ofNullable((Bundle) request.getUserData().get(KEY));
    }

    /**
     * While a transaction is checked as a whole, nothing of it is stored yet, so what the rules
     * look up in the database (the study, a patient's ResearchSubjects) is the same for every
     * entry: they may keep it for the rest of the check. Closing ends that.
     */
    static Lookups shareLookups(RequestDetails request) {
        Lookups lookups = new Lookups(request);
        request.getUserData().put(LOOKUPS, lookups);
        return lookups;
    }

    /** The lookups the rules may share, if a transaction check is under way. */
    public static Optional<Map<Object, Object>> sharedLookups(RequestDetails request) {
        return request == null ? Optional.empty()
                : Optional.ofNullable((Lookups) request.getUserData().get(LOOKUPS)).map(lookups -> lookups.values);
    }

    /** Lookups shared by the entries of one transaction check. */
    public static final class Lookups implements AutoCloseable {
        private final RequestDetails request;
        private final Map<Object, Object> values = new HashMap<>();

        private Lookups(RequestDetails request) {
            this.request = request;
        }

        @Override
        public void close() {
            request.getUserData().remove(LOOKUPS);
        }
    }
}
