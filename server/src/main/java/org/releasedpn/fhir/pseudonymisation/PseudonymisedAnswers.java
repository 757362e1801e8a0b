package org.releasedpn.fhir.pseudonymisation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Shows clients in the pseudonymised view ({@link PseudonymisedViewPolicy}) only
 * {@link Pseudonymisation pseudonymised copies} of what they read.
 *
 * <ul>
 * <li>{@code STORAGE_PRESHOW_RESOURCES}: every stored resource HAPI's JPA layer is about to show
 *     (read, vread, search matches and includes, history, each page, {@code $everything}) is
 *     replaced by its masked copy. The stored object is never changed: other requests may hold it.</li>
 * <li>{@code SERVER_OUTGOING_RESPONSE}: whatever reaches the answer without passing the first hook
 *     (an operation's output) is masked there; a Bundle the server built for this answer keeps its
 *     frame and gets masked entries.</li>
 * </ul>
 * The copies made for a request are remembered (by identity), so that a resource HAPI shows twice
 * (the REST and the JPA layer share one interceptor service) is copied once; masking is idempotent
 * anyway. Registered after the audit trail, which records the stored resources' ids.
 */
@Interceptor
public final class PseudonymisedAnswers {
    private static final String MASKED = PseudonymisedAnswers.class.getName() + ".masked";

    private final Pseudonymisation pseudonymisation;
    private final PseudonymisedViewPolicy policy;

    public PseudonymisedAnswers(Pseudonymisation pseudonymisation, PseudonymisedViewPolicy policy) {
        this.pseudonymisation = pseudonymisation;
        this.policy = policy;
    }

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails details, RequestDetails request) {
        if (!policy.readsInView(request)) {
            return;
        }
        for (int i = 0; i < details.size(); i++) {
            IBaseResource resource = details.getResource(i);
            if (resource != null) {
                details.setResource(i, masked(resource, request));
            }
        }
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public boolean answered(RequestDetails request, ResponseDetails response) {
        IBaseResource answer = response.getResponseResource();
        if (answer == null || !policy.readsInView(request) || maskedFor(request).contains(answer)) {
            return true;
        }
        // A stored Bundle that was read passed the first hook and is in the set: this one was built for the answer.
        if (answer instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() != null) {
                    entry.setResource((org.hl7.fhir.r4.model.Resource) masked(entry.getResource(), request));
                }
            }
        } else {
            response.setResponseResource(masked(answer, request));
        }
        return true;
    }

    private IBaseResource masked(IBaseResource resource, RequestDetails request) {
        Set<IBaseResource> masked = maskedFor(request);
        if (masked.contains(resource)) {
            return resource;
        }
        IBaseResource copy = pseudonymisation.apply(resource);
        masked.add(copy);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Set<IBaseResource> maskedFor(RequestDetails request) {
        return (Set<IBaseResource>) request.getUserData().computeIfAbsent(MASKED,
                key -> Collections.newSetFromMap(new IdentityHashMap<>()));
    }
}
