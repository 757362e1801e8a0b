package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.AdverseEvent.AdverseEventSuspectEntityComponent;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * dpn-ae-1: a suspectEntity whose instance is an hUC-MSC administration has a causality
 * assessment, so that stem-cell-related adverse events (the safety endpoint) can be counted.
 */
public final class MscCausalityRule implements TrialRule {
    @Override
    public String key() {
        return "dpn-ae-1";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        if (!(resource instanceof AdverseEvent event)) {
            return List.of();
        }
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (int i = 0; i < event.getSuspectEntity().size(); i++) {
            AdverseEventSuspectEntityComponent suspect = event.getSuspectEntity().get(i);
            boolean msc = suspect.getInstance().hasReference()
                    && data.procedure(suspect.getInstance().getReference()).filter(TrialCodes::isMscAdministration).isPresent();
            boolean assessed = suspect.getCausality().stream().anyMatch(c -> c.getAssessment().hasCoding());
            if (msc && !assessed) {
                issues.add(ruleViolation(key(), "AdverseEvent.suspectEntity[" + i + "]", "the suspect entity "
                        + suspect.getInstance().getReference() + " is an hUC-MSC administration and needs a "
                        + "causality assessment (adverse-event-causality-assess)"));
            }
        }
        return issues;
    }
}
