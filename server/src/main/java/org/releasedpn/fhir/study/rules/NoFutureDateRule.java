package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Procedure;

/**
 * dpn-date-1: an Observation's effective date, a Procedure's performed date and an
 * AdverseEvent's date are not in the future; one day of clock skew between EHR and server is allowed.
 */
public final class NoFutureDateRule implements TrialRule {
    static final Duration CLOCK_SKEW = Duration.ofDays(1);
    private final Clock clock;

    public NoFutureDateRule(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String key() {
        return "dpn-date-1";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        if (resource instanceof Observation observation) {
            return check(observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType()
                    : observation.hasEffectivePeriod() ? observation.getEffectivePeriod().getStartElement() : null,
                    "Observation.effective");
        }
        if (resource instanceof Procedure procedure) {
            return check(procedure.hasPerformedDateTimeType() ? procedure.getPerformedDateTimeType()
                    : procedure.hasPerformedPeriod() ? procedure.getPerformedPeriod().getStartElement() : null,
                    "Procedure.performed");
        }
        if (resource instanceof AdverseEvent event) {
            return check(event.getDateElement(), "AdverseEvent.date");
        }
        return List.of();
    }

    private List<OperationOutcomeIssueComponent> check(BaseDateTimeType date, String element) {
        if (date == null || date.getValue() == null) {
            return List.of();
        }
        Instant latest = clock.instant().plus(CLOCK_SKEW);
        if (date.getValue().toInstant().isAfter(latest)) {
            return List.of(ruleViolation(key(), element, date.getValueAsString()
                    + " is in the future (the server allows one day of clock skew)"));
        }
        return List.of();
    }
}
