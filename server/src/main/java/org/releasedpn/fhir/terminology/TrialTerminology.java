package org.releasedpn.fhir.terminology;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;

/**
 * The terminology the server knows: base FHIR R4 and the trial's code systems and value sets,
 * held in memory from its package. The validator and the terminology operations share it, so
 * that $validate-code and a write always agree.
 */
public final class TrialTerminology {
    private final IValidationSupport support;

    public TrialTerminology(IValidationSupport support) {
        this.support = support;
    }

    public IValidationSupport support() {
        return support;
    }

    ValidationSupportContext context() {
        return new ValidationSupportContext(support);
    }
}
