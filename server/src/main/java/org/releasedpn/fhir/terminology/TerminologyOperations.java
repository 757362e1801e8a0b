package org.releasedpn.fhir.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport.CodeValidationResult;
import ca.uhn.fhir.context.support.IValidationSupport.LookupCodeResult;
import ca.uhn.fhir.context.support.IValidationSupport.ValueSetExpansionOutcome;
import ca.uhn.fhir.context.support.LookupCodeRequest;
import ca.uhn.fhir.context.support.ValueSetExpansionOptions;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import java.util.Date;
import java.util.UUID;
import org.releasedpn.fhir.rest.DirectResponse;

/**
 * {@code ValueSet/$expand}, {@code ValueSet/$validate-code}, {@code CodeSystem/$lookup} and
 * {@code CodeSystem/$validate-code}, answered from {@link TrialTerminology}.
 *
 * <p>HAPI's JPA terminology service expands stored code systems through a Hibernate Search index,
 * which this server does not run; the trial's terminology is small and already in memory for
 * validation, so it answers here, before HAPI's providers are reached.
 */
@Interceptor
public final class TerminologyOperations {
    private final FhirContext fhirContext;
    private final TrialTerminology terminology;

    public TerminologyOperations(FhirContext fhirContext, TrialTerminology terminology) {
        this.fhirContext = fhirContext;
        this.terminology = terminology;
    }

    /** @return false when the request was answered here */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean answer(RequestDetails request, HttpServletResponse response) throws IOException {
        String operation = request.getOperation();
        String type = request.getResourceName();
        IBaseResource answer;
        if ("ValueSet".equals(type) && "$expand".equals(operation)) {
            answer = expand(TerminologyRequest.read(request, fhirContext, "ValueSet"));
        } else if ("ValueSet".equals(type) && "$validate-code".equals(operation)) {
            TerminologyRequest call = TerminologyRequest.read(request, fhirContext, "ValueSet");
            answer = validateCode(call, call.canonical("url"));
        } else if ("CodeSystem".equals(type) && "$validate-code".equals(operation)) {
            TerminologyRequest call = TerminologyRequest.read(request, fhirContext, "CodeSystem");
            answer = validateCode(call, null);
        } else if ("CodeSystem".equals(type) && "$lookup".equals(operation)) {
            answer = lookup(TerminologyRequest.read(request, fhirContext, "CodeSystem"));
        } else {
            return true;
        }
        DirectResponse.write(fhirContext, request, response, answer);
        return false;
    }

    private IBaseResource expand(TerminologyRequest call) {
        String url = call.canonical("url");
        ValueSetExpansionOptions options = ValueSetExpansionOptions.forOffsetAndCount(
                call.integer("offset", 0), call.integer("count", 1000));
        call.text("filter").ifPresent(options::setFilter);
        ValueSetExpansionOutcome outcome;
        try {
            outcome = terminology.support().expandValueSet(terminology.context(), options, url);
        } catch (ResourceNotFoundException unknown) {
            outcome = null;
        }
        if (outcome == null || outcome.getValueSet() == null) {
            throw new ResourceNotFoundException("Cannot expand ValueSet " + url
                    + (outcome != null && outcome.getError() != null ? ": " + outcome.getError() : ": it is not known here"));
        }
        ValueSet expansion = (ValueSet) outcome.getValueSet();
        // The in-memory expansion carries only the codes; say what was expanded, and when.
        expansion.setUrl(url).setStatus(Enumerations.PublicationStatus.ACTIVE);
        expansion.getExpansion().setTimestamp(new Date()).setTotal(expansion.getExpansion().getContains().size())
                .setIdentifier("urn:uuid:" + UUID.randomUUID());
        return expansion;
    }

    private IBaseResource validateCode(TerminologyRequest call, String valueSetUrl) {
        String system = call.system();
        String code = call.code();
        CodeValidationResult result = terminology.support().validateCode(terminology.context(),
                new ConceptValidationOptions(), system, code, call.text("display").orElse(null), valueSetUrl);
        Parameters answer = new Parameters();
        boolean ok = result != null && result.isOk();
        answer.addParameter().setName("result").setValue(new BooleanType(ok));
        if (result != null && result.getDisplay() != null) {
            answer.addParameter().setName("display").setValue(new StringType(result.getDisplay()));
        }
        String message = result == null ? "Code system " + system + " is not known here"
                : result.getMessage();
        if (message != null) {
            answer.addParameter().setName("message").setValue(new StringType(message));
        }
        return answer;
    }

    private IBaseResource lookup(TerminologyRequest call) {
        LookupCodeResult result = terminology.support().lookupCode(terminology.context(),
                new LookupCodeRequest(call.system(), call.code()));
        if (result == null || !result.isFound()) {
            throw new ResourceNotFoundException("Code '" + call.code() + "' is not in code system " + call.system());
        }
        return result.toParameters(fhirContext, List.of());
    }

    static InvalidRequestException missing(String parameter, String operation) {
        return new InvalidRequestException(operation + " needs the '" + parameter + "' parameter");
    }
}
