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
    /** HAPI stores a transaction entry twice (once more after resolving its references): check it once. */
    private static final String ACCEPTED = WriteValidationInterceptor.class.getName() + ".accepted";

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
        TransactionInProgress.remember(request, bundle);
        List<OperationOutcomeIssueComponent> errors = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            if (!entry.hasResource() || (method != Bundle.HTTPVerb.POST && method != Bundle.HTTPVerb.PUT)) {
                continue;
            }
            Resource resource = entry.getResource();
            ProfileValidation validation = validator.validate(resource, Set.of());
            String entryPath = "Bundle.entry[" + i + "].resource";
            validation.errors().forEach(issue -> errors.add(ValidationIssues.inEntry(issue, entryPath, resource.fhirType())));
            resource.setUserData(CHECKED_PROFILES, validation.profiles());
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

    /**
     * Profiles first (unless the transaction check above already did it), then the study rules,
     * which need the references HAPI has resolved by now; on success meta.profile records the
     * profiles the resource conforms to.
     */
    @SuppressWarnings("unchecked")
    private void check(IBaseResource resource, RequestDetails request) {
        if (ConformanceResourceTypes.contains(resource) || resource.getUserData(ACCEPTED) != null) {
            return; // the package's own resources are checked by its build; clients cannot write them
        }
        Set<String> profiles = (Set<String>) resource.getUserData(CHECKED_PROFILES);
        if (profiles == null) {
            ProfileValidation validation = validator.validate(resource, Set.of());
            if (validation.hasErrors()) {
                throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(validation.errors()));
            }
            profiles = validation.profiles();
        }
        List<OperationOutcomeIssueComponent> ruleErrors = rules.check(resource, request);
        if (!ruleErrors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(ruleErrors));
        }
        resource.getMeta().getProfile().clear();
        profiles.forEach(profile -> resource.getMeta().addProfile(profile));
        resource.setUserData(ACCEPTED, Boolean.TRUE);
    }
}
