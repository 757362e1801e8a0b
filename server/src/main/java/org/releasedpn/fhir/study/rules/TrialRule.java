package org.releasedpn.fhir.study.rules;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/** One of the trial's write rules (contract sections 4 and 5) that needs stored data to decide. */
public interface TrialRule {

    /** The rule's key, e.g. {@code dpn-rs-3}. */
    String key();

    /**
     * @return the violations of this rule by the resource about to be stored, each an error issue
     *         whose text names the rule key and says what failed; empty when the rule holds
     */
    List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data);
}
