package org.releasedpn.fhir.validation;

import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import ca.uhn.fhir.validation.ValidationResult;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.releasedpn.fhir.conformance.ImpliedProfile;

/**
 * Validates one resource against base R4 and every profile that applies to it: the ones it
 * declares, the ones the contract implies from its type and code (section 2), and any the caller
 * asks for. The HL7 validator reports all problems, not just the first.
 */
public final class ProfileValidator {
    private final FhirValidator validator;
    private final ValidationIssues issues;

    public ProfileValidator(FhirValidator validator, ValidationIssues issues) {
        this.validator = validator;
        this.issues = issues;
    }

    public ProfileValidation validate(IBaseResource resource, Collection<String> requestedProfiles) {
        Set<String> profiles = profilesFor(resource, requestedProfiles);
        ValidationResult result = validator.validateWithResult(resource, options(profiles));
        return report(profiles, result);
    }

    /**
     * Validates the body as sent, so that what a lenient parse would drop (unknown elements,
     * wrong datatypes) is reported too. {@code parsed} is the same body, parsed, to choose profiles.
     */
    public ProfileValidation validateRaw(String body, IBaseResource parsed, Collection<String> requestedProfiles) {
        Set<String> profiles = profilesFor(parsed, requestedProfiles);
        ValidationResult result = validator.validateWithResult(body, options(profiles));
        return report(profiles, result);
    }

    private static Set<String> profilesFor(IBaseResource resource, Collection<String> requestedProfiles) {
        Set<String> profiles = new LinkedHashSet<>(ImpliedProfile.declaredAndImplied(resource));
        profiles.addAll(requestedProfiles);
        return profiles;
    }

    private static ValidationOptions options(Set<String> profiles) {
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        return options;
    }

    private ProfileValidation report(Set<String> profiles, ValidationResult result) {
        List<OperationOutcomeIssueComponent> found = result.getMessages().stream().map(issues::fromValidator).toList();
        Set<String> plain = new LinkedHashSet<>();
        profiles.forEach(profile -> plain.add(withoutVersion(profile)));
        return new ProfileValidation(plain, found);
    }

    /** Contract section 1: a stored resource's meta.profile holds the plain canonical URL. */
    static String withoutVersion(String canonical) {
        int bar = canonical.indexOf('|');
        return bar < 0 ? canonical : canonical.substring(0, bar);
    }
}
