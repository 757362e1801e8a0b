package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.releasedpn.fhir.conformance.GuidePackages;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;

/**
 * Nothing is stored that does not conform (contract sections 2, 3, 5).
 *
 * <p>Every resource HAPI is about to store passes through {@link #beforeCreate}/{@link #beforeUpdate}:
 * single creates and updates, the result of a patch, and each entry of a transaction or batch. A
 * violation throws 422, which rolls the database transaction back, so a transaction with one bad
 * entry stores nothing and a batch answers that entry alone.
 *
 * <p>A transaction is checked as a whole before HAPI starts on it, profiles and study rules, so
 * that the answer lists the errors of every entry, each located as
 * {@code Bundle.entry[i].resource...}; its accepted entries are not checked a second time.
 */
@Interceptor
public final class WriteValidationInterceptor {
    /** Accepted resources are not checked again (HAPI stores a transaction entry in two passes). */
    private static final String ACCEPTED = WriteValidationInterceptor.class.getName() + ".accepted";

    private final FhirContext fhirContext;
    private final ProfileValidator validator;
    private final SubmissionRules rules;
    private final EntryValidators entryValidators;

    public WriteValidationInterceptor(FhirContext fhirContext, ProfileValidator validator, SubmissionRules rules,
                                      EntryValidators entryValidators) {
        this.fhirContext = fhirContext;
        this.validator = validator;
        this.rules = rules;
        this.entryValidators = entryValidators;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void checkTransactionUpFront(RequestDetails request, RestOperationTypeEnum operation) {
        if ((operation == RestOperationTypeEnum.CREATE || operation == RestOperationTypeEnum.UPDATE)
                && request.getResource() != null) {
            BodyAsSent.remember(request.getResource(), new String(request.loadRequestContents(), StandardCharsets.UTF_8));
            return;
        }
        if (operation != RestOperationTypeEnum.TRANSACTION || !(request.getResource() instanceof Bundle bundle)) {
            return;
        }
        rememberEntriesAsSent(bundle, request);
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            return;
        }
        TransactionInProgress.remember(request, bundle);
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle.BundleEntryComponent entry = bundle.getEntry().get(i);
            Bundle.HTTPVerb method = entry.getRequest().getMethod();
            if (entry.hasResource() && (method == Bundle.HTTPVerb.POST || method == Bundle.HTTPVerb.PUT)
                    && !isNotForTheValidator(entry.getResource(), request)) {
                checked.add(i);
            }
        }
        // Profiles on every core (the entries are independent), then the study rules in entry
        // order on this thread: they read the database and see the whole Bundle.
        List<ProfileValidation> validations = entryValidators.map(checked,
                i -> validateAsSent(bundle.getEntry().get(i).getResource()));
        Function<IBaseResource, List<OperationOutcomeIssueComponent>> transactionRules = rules.forTransaction(request);
        List<OperationOutcomeIssueComponent> errors = new ArrayList<>();
        for (int k = 0; k < checked.size(); k++) {
            Resource resource = bundle.getEntry().get(checked.get(k)).getResource();
            ProfileValidation validation = validations.get(k);
            if (validation.hasErrors()) {
                String entryPath = "Bundle.entry[" + checked.get(k) + "].resource";
                validation.errors().forEach(issue -> errors.add(ValidationIssues.inEntry(issue, entryPath, resource.fhirType())));
                continue;
            }
            // The rules locate their errors at the entry themselves.
            List<OperationOutcomeIssueComponent> ruleErrors = transactionRules.apply(resource);
            if (ruleErrors.isEmpty()) {
                accept(resource, validation);
                WriteWarnings.add(request, resource, validation.warnings());
            }
            errors.addAll(ruleErrors);
        }
        if (!errors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(errors));
        }
    }

    /** Numbers out of range of the database first, then the profiles, on the body as sent when known. */
    private ProfileValidation validateAsSent(IBaseResource resource) {
        List<OperationOutcomeIssueComponent> unstorable = DecimalLimits.check(resource);
        if (!unstorable.isEmpty()) {
            return new ProfileValidation(Set.of(), Set.of(), unstorable);
        }
        String body = BodyAsSent.of(resource);
        return body != null ? validator.validateRaw(body, resource, Set.of()) : validator.validate(resource, Set.of());
    }

    /**
     * Each entry's resource is validated as it was sent, like a single write's body: a re-encoding
     * of HAPI's lenient parse no longer shows duplicate keys, nulls or values of the wrong shape.
     */
    private static void rememberEntriesAsSent(Bundle bundle, RequestDetails request) {
        EncodingEnum encoding = EncodingEnum.forContentType(request.getHeader("Content-Type"));
        if (encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
            return;
        }
        List<String> texts = ResourceTexts.entries(new String(request.loadRequestContents(), StandardCharsets.UTF_8),
                encoding);
        if (texts.size() != bundle.getEntry().size()) {
            return; // the text and the parse disagree: leave the entries to the re-encoding
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) != null && bundle.getEntry().get(i).hasResource()) {
                BodyAsSent.remember(bundle.getEntry().get(i).getResource(), texts.get(i));
            }
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
     * Every resource about to be stored that the transaction check above has not accepted yet
     * (single writes, patch results, batch entries): profiles first, then the study rules.
     */
    private void check(IBaseResource resource, RequestDetails request) {
        if (isNotForTheValidator(resource, request) || resource.getUserData(ACCEPTED) != null) {
            return;
        }
        ProfileValidation validation = validateAsSent(resource);
        if (validation.hasErrors()) {
            throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(validation.errors()));
        }
        List<OperationOutcomeIssueComponent> ruleErrors = rules.check(resource, request);
        if (!ruleErrors.isEmpty()) {
            throw new UnprocessableEntityException(fhirContext, ProfileValidation.outcome(ruleErrors));
        }
        accept(resource, validation);
        WriteWarnings.add(request, resource, validation.warnings());
    }

    /**
     * What is not given to the HL7 validator: the package installer's writes (the trial's package
     * is checked by its build, an installed guide is its authors'; clients cannot change either,
     * see PackagedResourcesReadOnly), and StructureDefinitions, whose checks in the HL7 validator
     * compare against published packages this server cannot fetch, giving false errors. A stored
     * StructureDefinition is read strictly and must have a snapshot or let one be generated
     * (StructureDefinitionSnapshots), which checks its differential against its base. Nor the
     * server's own audit trail: built by the server, never by a client (AuditEventsReadOnly).
     */
    private static boolean isNotForTheValidator(IBaseResource resource, RequestDetails request) {
        boolean server = !(request instanceof ServletRequestDetails);
        boolean installed = server && GuidePackages.CONFORMANCE_TYPES.contains(resource.fhirType());
        boolean audit = server && resource instanceof AuditEvent;
        return installed || audit || resource instanceof StructureDefinition;
    }

    /** Records in meta.profile the profiles the resource conforms to, and that it may be stored. */
    private static void accept(IBaseResource resource, ProfileValidation validation) {
        resource.getMeta().getProfile().clear();
        validation.profiles().forEach(profile -> resource.getMeta().addProfile(profile));
        resource.setUserData(ACCEPTED, Boolean.TRUE);
    }
}
