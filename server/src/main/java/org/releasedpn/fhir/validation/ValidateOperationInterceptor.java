package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.releasedpn.fhir.rest.DirectResponse;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;

/**
 * {@code POST [type]/$validate}, {@code POST [type]/[id]/$validate} and, for a stored resource,
 * {@code GET [type]/[id]/$validate}: the same checks as a write
 * (contract section 3), answered 200 with the OperationOutcome, storing nothing. With
 * {@code mode=create} or {@code mode=update} the write itself is rehearsed ({@link WriteRehearsal}):
 * study rules and storage rules apply too, so "would this be accepted?" gets the write's answer.
 *
 * <p>HAPI's own $validate knows only declared profiles; this one answers before HAPI's is reached.
 */
@Interceptor
public final class ValidateOperationInterceptor {
    private static final Set<String> MODES = Set.of("create", "update", "delete");

    private final FhirContext fhirContext;
    private final ProfileValidator validator;
    private final WriteRehearsal rehearsal;
    private final StoredResources storedResources;
    private final StrictReading strictReading;

    public ValidateOperationInterceptor(FhirContext fhirContext, ProfileValidator validator, WriteRehearsal rehearsal,
                                        StoredResources storedResources, StrictReading strictReading) {
        this.strictReading = strictReading;
        this.fhirContext = fhirContext;
        this.validator = validator;
        this.rehearsal = rehearsal;
        this.storedResources = storedResources;
    }

    /** What the write's strict reading of a body (JSON or XML) objects to, if anything. */
    @FunctionalInterface
    public interface StrictReading {
        java.util.Optional<String> problemIn(String body);
    }

    /** Reads a stored resource (current version, or the version the id names) for instance-level $validate. */
    @FunctionalInterface
    public interface StoredResources {
        IBaseResource read(IIdType id, RequestDetails request);
    }

    /** @return false when this interceptor has answered the request itself */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean answerValidate(RequestDetails request, HttpServletResponse response) throws IOException {
        if (!"$validate".equals(request.getOperation()) || request.getResourceName() == null
                || (request.getRequestType() != RequestTypeEnum.POST && request.getRequestType() != RequestTypeEnum.GET)) {
            return true;
        }
        boolean validateStored = request.getId() != null && request.getId().hasIdPart()
                && (request.getRequestType() == RequestTypeEnum.GET || !ValidateRequest.hasBody(request));
        if (!validateStored && request.getRequestType() == RequestTypeEnum.GET) {
            throw new InvalidRequestException("GET [type]/$validate has nothing to validate: POST the resource, "
                    + "or GET [type]/[id]/$validate to validate a stored one");
        }
        ValidateRequest call = validateStored
                ? ValidateRequest.ofStored(request, fhirContext, storedResources.read(request.getId(), request))
                : ValidateRequest.read(request, fhirContext);
        call.mode().filter(mode -> !MODES.contains(mode)).ifPresent(mode -> {
            throw new InvalidRequestException("Unknown $validate mode '" + mode + "': use create, update or delete");
        });
        if (call.mode().filter("update"::equals).isPresent() && request.getId() != null) {
            call.resource().setId(request.getId());
        }
        boolean applyRules = call.mode().filter(mode -> mode.equals("create") || mode.equals("update")).isPresent();
        // A write does not give a StructureDefinition to the HL7 validator (WriteValidationInterceptor
        // says why); asked "would this be accepted?", the rehearsal of the write alone answers.
        boolean profilesChecked = !(applyRules && call.resource() instanceof StructureDefinition);
        ProfileValidation validation = profilesChecked
                ? validator.validateRaw(call.body(), call.resource(), call.profiles())
                : new ProfileValidation(Set.of(), Set.of(), List.of());
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>(validation.issues());
        if (applyRules) {
            // The write reads its body strictly first (400 for what a lenient parse would drop).
            strictReading.problemIn(call.body()).ifPresent(problem -> issues.add(new OperationOutcomeIssueComponent()
                    .setSeverity(IssueSeverity.ERROR).setCode(IssueType.STRUCTURE)
                    .setDiagnostics("A write would be refused with HTTP 400: " + problem)));
        }
        if (applyRules && issues.stream().noneMatch(ProfileValidation::isError)) {
            issues.addAll(rehearsal.rehearse(call.resource(), call.body(), call.mode().get().equals("update"), request));
        }
        if (issues.stream().noneMatch(ProfileValidation::isError)) {
            issues.add(new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.INFORMATION)
                    .setCode(IssueType.INFORMATIONAL)
                    .setDiagnostics("No errors. " + (profilesChecked ? "Checked against base FHIR R4"
                            + (validation.checked().isEmpty() ? "" : " and " + String.join(", ", validation.checked()))
                            : "A StructureDefinition is not given to the HL7 validator (as on a write)")
                            + (applyRules ? ", and a rehearsal of the " + call.mode().get() + " (study and storage rules) found no objection" : "")));
        }
        DirectResponse.write(fhirContext, request, response, ProfileValidation.outcome(issues));
        return false;
    }
}
