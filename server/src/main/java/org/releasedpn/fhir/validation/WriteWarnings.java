package org.releasedpn.fhir.validation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * Warnings found while accepting a write (e.g. a profile claim that was not checked, contract
 * section 2) reach the client in the OperationOutcome the answer carries: the body of a write asked
 * with {@code Prefer: return=OperationOutcome}, and {@code entry.response.outcome} of a
 * transaction or batch response, located at the entry ({@code Bundle.entry[i].resource…}).
 * A write answered with the stored resource itself has no place for them.
 */
@Interceptor
public final class WriteWarnings {
    private static final String KEY = WriteWarnings.class.getName();

    /** Remembers the warnings of one accepted resource of this request. */
    static void add(RequestDetails request, IBaseResource resource, List<OperationOutcomeIssueComponent> warnings) {
        if (request == null || warnings.isEmpty()) {
            return;
        }
        byResource(request).computeIfAbsent(resource, r -> new ArrayList<>()).addAll(warnings);
    }

    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void addToAnswer(RequestDetails request, ResponseDetails response) {
        @SuppressWarnings("unchecked")
        Map<IBaseResource, List<OperationOutcomeIssueComponent>> found =
                (Map<IBaseResource, List<OperationOutcomeIssueComponent>>) request.getUserData().get(KEY);
        if (found == null) {
            return;
        }
        IBaseResource answer = response.getResponseResource();
        if (request.getResource() instanceof Bundle submitted && answer instanceof Bundle answered) {
            for (int i = 0; i < submitted.getEntry().size() && i < answered.getEntry().size(); i++) {
                List<OperationOutcomeIssueComponent> warnings = found.get(submitted.getEntry().get(i).getResource());
                if (warnings != null) {
                    Bundle.BundleEntryResponseComponent entryResponse = answered.getEntry().get(i).getResponse();
                    if (!(entryResponse.getOutcome() instanceof OperationOutcome)) {
                        entryResponse.setOutcome(new OperationOutcome());
                    }
                    String entryPath = "Bundle.entry[" + i + "].resource";
                    String type = submitted.getEntry().get(i).getResource().fhirType();
                    warnings.forEach(warning -> ((OperationOutcome) entryResponse.getOutcome())
                            .addIssue(ValidationIssues.inEntry(warning, entryPath, type)));
                }
            }
        } else if (answer instanceof OperationOutcome outcome) {
            found.values().forEach(warnings -> warnings.forEach(outcome::addIssue));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<IBaseResource, List<OperationOutcomeIssueComponent>> byResource(RequestDetails request) {
        return (Map<IBaseResource, List<OperationOutcomeIssueComponent>>) request.getUserData()
                .computeIfAbsent(KEY, k -> new IdentityHashMap<IBaseResource, List<OperationOutcomeIssueComponent>>());
    }
}
