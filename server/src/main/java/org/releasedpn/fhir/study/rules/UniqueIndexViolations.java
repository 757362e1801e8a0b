package org.releasedpn.fhir.study.rules;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.releasedpn.fhir.validation.TransactionInProgress;
import org.releasedpn.fhir.validation.ValidationIssues;

/**
 * When the database's unique index stops a racing duplicate (see {@link RuleIndexes}), HAPI
 * answers 409 with its own wording; the EHR gets the 422
 * and rule key it would have got from the Java check instead. The rule follows from what was
 * being written: a ResearchSubject (dpn-rs-4) or an hUC-MSC Procedure (dpn-enrol-2).
 */
@Interceptor
public final class UniqueIndexViolations {
    /**
     * Both of HAPI's answers say it: its own pre-check (HAPI-1093, "would create a duplicate unique
     * index") and the database's constraint failing in a race (HAPI-0824).
     */
    static final String UNIQUE_INDEX = "unique index";
    private static final Map<String, String> RULE_OF_TYPE = Map.of(
            "ResearchSubject", "dpn-rs-4",
            "Procedure", "dpn-enrol-2");
    private static final Map<String, String> WHAT = Map.of(
            "dpn-rs-4", "the patient already has a ResearchSubject in this study",
            "dpn-enrol-2", "this hUC-MSC injection visit is already recorded for the patient");

    private final FhirContext fhirContext;

    public UniqueIndexViolations(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException asRuleViolation(RequestDetails request, Throwable exception) {
        if (!(exception instanceof ResourceVersionConflictException conflict)
                || !String.valueOf(conflict.getMessage()).contains(UNIQUE_INDEX)) {
            return null;
        }
        OperationOutcome outcome = new OperationOutcome();
        for (String type : writtenTypes(request)) {
            String rule = RULE_OF_TYPE.get(type);
            if (rule != null) {
                outcome.addIssue(ValidationIssues.ruleViolation(rule, type, WHAT.get(rule)
                        + " (a concurrent request stored it first; the database refused the duplicate)"));
            }
        }
        return outcome.hasIssue() ? new UnprocessableEntityException(fhirContext, outcome) : null;
    }

    private static Set<String> writtenTypes(RequestDetails request) {
        Set<String> types = new LinkedHashSet<>();
        if (request.getResourceName() != null) {
            types.add(request.getResourceName());
        }
        TransactionInProgress.of(request).map(Bundle::getEntry).ifPresent(entries -> entries.stream()
                .filter(Bundle.BundleEntryComponent::hasResource)
                .forEach(entry -> types.add(entry.getResource().fhirType())));
        return types;
    }
}
