package org.releasedpn.fhir.validation;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.List;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * The checks a profile cannot make because they need stored data or the rest of a transaction
 * (the trial's study rules, contract section 5). They run after profile validation on every write
 * and for $validate in mode create/update.
 */
public interface SubmissionRules {
    /** The rule violations of this resource, each an error issue naming its rule key; empty when it may be stored. */
    List<OperationOutcomeIssueComponent> check(IBaseResource resource, RequestDetails request);

    /**
     * The same check for the entries of a transaction Bundle before any of them is stored: nothing
     * changes in the database between two entries' checks, so what one entry's check read there
     * may serve the next.
     */
    default Function<IBaseResource, List<OperationOutcomeIssueComponent>> forTransaction(RequestDetails request) {
        return resource -> check(resource, request);
    }
}
