package org.releasedpn.fhir.validation;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.releasedpn.fhir.conformance.ImpliedProfile;
import org.releasedpn.fhir.conformance.TrialCanonicals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates one resource against base R4 and every profile that applies to it: the ones it
 * declares, the ones the contract implies from its type and code (section 2), and any the caller
 * asks for. The HL7 validator reports all problems, not just the first.
 */
public final class ProfileValidator {
    private static final Logger log = LoggerFactory.getLogger(ProfileValidator.class);
    private final FhirValidator validator;
    private final ValidationIssues issues;
    private final Predicate<String> knownProfile;

    /** @param knownProfile whether the server has the profile of this canonical URL (with or without |version) */
    public ProfileValidator(FhirValidator validator, ValidationIssues issues, Predicate<String> knownProfile) {
        this.validator = validator;
        this.issues = issues;
        this.knownProfile = knownProfile;
    }

    public ProfileValidation validate(IBaseResource resource, Collection<String> requestedProfiles) {
        return report(resource, requestedProfiles,
                validate(requestedProfiles, resource, options -> validator.validateWithResult(resource, options)));
    }

    /**
     * Validates the body as sent, so that what a lenient parse would drop (unknown elements,
     * wrong datatypes) is reported too. {@code parsed} is the same body, parsed, to choose profiles.
     */
    public ProfileValidation validateRaw(String body, IBaseResource parsed, Collection<String> requestedProfiles) {
        return report(parsed, requestedProfiles,
                validate(requestedProfiles, parsed, options -> validator.validateWithResult(body, options)));
    }

    /**
     * The validator is asked for the implied and requested profiles; the declared ones it finds in
     * meta.profile itself, and reports those it does not know at their place (UnknownProfileClaims).
     * Whatever the HL7 validator cannot cope with becomes an error issue, never a server failure.
     */
    private static List<SingleValidationMessage> validate(Collection<String> requestedProfiles, IBaseResource resource,
                                      Function<ValidationOptions, ValidationResult> validation) {
        ValidationOptions options = new ValidationOptions();
        ImpliedProfile.of(resource).forEach(options::addProfile);
        requestedProfiles.forEach(options::addProfile);
        try {
            return validation.apply(options).getMessages();
        } catch (RuntimeException e) {
            log.warn("The validator failed on a {}", resource.fhirType(), e);
            SingleValidationMessage failure = new SingleValidationMessage();
            failure.setSeverity(ResultSeverityEnum.ERROR);
            failure.setLocationString(resource.fhirType());
            failure.setMessage("The validator could not process this " + resource.fhirType() + ": " + e.getMessage());
            return List.of(failure);
        }
    }

    private ProfileValidation report(IBaseResource resource, Collection<String> requestedProfiles,
                                     List<SingleValidationMessage> messages) {
        List<OperationOutcomeIssueComponent> found = messages.stream().map(issues::fromValidator).toList();
        Set<String> claimed = claimedProfiles(resource, requestedProfiles);
        Set<String> checked = new LinkedHashSet<>();
        claimed.stream().filter(knownProfile).forEach(checked::add);
        return new ProfileValidation(claimed, checked, found);
    }

    /**
     * What a stored resource carries in meta.profile (contract section 2): the trial's profiles it
     * was validated against as plain canonical URLs, and every other guide's claim as sent.
     */
    private static Set<String> claimedProfiles(IBaseResource resource, Collection<String> requestedProfiles) {
        Set<String> claimed = new LinkedHashSet<>();
        for (String declared : ImpliedProfile.declaredAndImplied(resource)) {
            claimed.add(TrialCanonicals.isTrialCanonical(declared) ? withoutVersion(declared) : declared);
        }
        requestedProfiles.forEach(requested -> claimed.add(withoutVersion(requested)));
        return claimed;
    }

    /** Contract section 1: a stored resource's meta.profile holds the plain canonical URL. */
    static String withoutVersion(String canonical) {
        int bar = canonical.indexOf('|');
        return bar < 0 ? canonical : canonical.substring(0, bar);
    }
}
