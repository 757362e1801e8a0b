package org.releasedpn.fhir.study.rules;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.releasedpn.fhir.validation.ValidationIssues;

/**
 * When the database's unique index stops a racing duplicate (see {@link RuleIndexes}), HAPI
 * answers 409 with its own wording; the EHR gets the same 422 and rule key it would have got from
 * the Java check instead.
 */
@Interceptor
public final class UniqueIndexViolations {
    private final FhirContext fhirContext;

    public UniqueIndexViolations(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException asRuleViolation(Throwable exception) {
        if (!(exception instanceof BaseServerResponseException response) || response.getStatusCode() == 422) {
            return null;
        }
        String message = String.valueOf(response.getMessage());
        for (Map.Entry<String, String> index : RuleIndexes.RULE_OF_INDEX.entrySet()) {
            if (message.contains(index.getKey())) {
                OperationOutcome outcome = new OperationOutcome();
                outcome.addIssue(ValidationIssues.ruleViolation(index.getValue(), resourceOf(index.getKey()),
                        "a concurrent request stored the same record first: " + message));
                return new UnprocessableEntityException(fhirContext, outcome);
            }
        }
        return null;
    }

    private static String resourceOf(String indexId) {
        return indexId.contains("subject") ? "ResearchSubject.individual" : "Procedure.subject";
    }
}
