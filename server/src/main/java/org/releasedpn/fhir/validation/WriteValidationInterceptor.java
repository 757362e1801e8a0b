package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;

/**
 * Nothing is stored that does not conform (contract sections 2, 3, 5).
 *
 * <p>Every resource HAPI is about to store passes through {@link #beforeCreate}/{@link #beforeUpdate}:
 * single creates and updates, the result of a patch, and each entry of a transaction or batch. A
 * violation throws 422, which rolls the database transaction back, so a transaction with one bad
 * entry stores nothing and a batch answers that entry alone.
 *
 * <p>A transaction is additionally checked as a whole before HAPI starts on it, so that the answer
 * lists the errors of every entry, each located as {@code Bundle.entry[i].resource...}; its entries
 * are then marked as checked and not validated a second time.
 */
@Interceptor
public final class WriteValidationInterceptor {
    private static final String CHECKED_PROFILES = WriteValidationInterceptor.class.getName() + ".profiles";

    private final FhirContext fhirContext;
    private final ProfileValidator validator;
    private final SubmissionRules rules;

    public WriteValidationInterceptor(FhirContext fhirContext, ProfileValidator validator, SubmissionRules rules) {
        this.fhirContext = fhirContext;
        this.validator = validator;
        this.rules = rules;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkTransactionUpFront(RequestDetails request, RestOperationTypeEnum operation) {
        if (operation != RestOperationTypeEnum.TRANSACTION
                || !(request.getResource() instanceof Bundle bundle)
                || bundle.getType() != Bundle.BundleType.TRANSACTION) {
            return;
        }
        List<OperationOutcomeIssueComponent> errors = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            if (!entry.hasResource() || (method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT)) {
                continue;
            }
            Resource resource = entry.getResource();
            String entryPath = "Bundle.entry[" + i + "].resource";
            List<OperationOutcomeIssueComponent> entryErrors = findErrors(resource, request);
            entryErrors.forEach(issue -> errors.add(ValidationIssues.inEntry(issue, entryPath, resource.fhirType())));
            if (entryErrors.isEmpty()) {
                resource.setUserData(CHECKED_PROFILES, resource.getMeta().getProfile().stream()
                        .map(profile -> profile.getValue()).toList());
            }
        }
        if (!errors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(errors));
        }
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        check(resource, request);
    }

    private void check(IBaseResource resource, RequestDetails request) {
        if (ConformanceResourceTypes.contains(resource) || resource.getUserData(CHECKED_PROFILES) != null) {
            return; // the package's own resources are checked by its build; transaction entries above
        }
        List<OperationOutcomeIssueComponent> errors = findErrors(resource, request);
        if (!errors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(errors));
        }
    }

    /** Validates, and on success records in meta.profile the profiles the resource conforms to. */
    private List<OperationOutcomeIssueComponent> findErrors(IBaseResource resource, RequestDetails request) {
        ProfileValidation validation = validator.validate(resource, Set.of());
        if (validation.hasErrors()) {
            return validation.errors();
        }
        List<OperationOutcomeIssueComponent> ruleErrors = rules.check(resource, request);
        if (!ruleErrors.isEmpty()) {
            return ruleErrors;
        }
        resource.getMeta().getProfile().clear();
        validation.profiles().forEach(profile -> resource.getMeta().addProfile(profile));
        return List.of();
    }
}
