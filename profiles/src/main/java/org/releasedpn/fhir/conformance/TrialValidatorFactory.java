package org.releasedpn.fhir.conformance;

import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel;
import org.hl7.fhir.utilities.http.ManagedWebAccess;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;

/** Configures the HL7 instance validator the way the trial's contract needs it. */
public final class TrialValidatorFactory {

    private TrialValidatorFactory() {
    }

    public static FhirInstanceValidator instanceValidator(IValidationSupport validationSupport) {
        // The HL7 engine fetches packages and terminology from the web when it misses something
        // (e.g. checking a StructureDefinition); the server is offline by design, so it must not try.
        ManagedWebAccess.setAccessPolicy(ManagedWebAccess.WebAccessPolicy.PROHIBITED);
        FhirInstanceValidator validator = new ReusingInstanceValidator(validationSupport);
        // Profiles are open: an EHR may add its own extensions; only the trial's are constrained.
        validator.setAnyExtensionsAllowed(true);
        // Contract section 2: an unknown declared profile is judged by whose it is (UnknownProfileClaims),
        // so the validator itself only reports it.
        validator.setErrorForUnknownProfiles(false);
        // Best-practice hints (e.g. "dom-6: a narrative is recommended") are noise for an EHR feed.
        validator.setBestPracticeWarningLevel(BestPracticeWarningLevel.Ignore);
        // References are checked by the server against stored data, not by the validator.
        validator.setAssumeValidRestReferences(true);
        return validator;
    }

    /** A ready validator; one per server, it is thread-safe once built. */
    public static FhirValidator validator(FhirContext fhirContext, IValidationSupport validationSupport) {
        return validator(fhirContext, instanceValidator(validationSupport));
    }

    /** A ready validator around an instance validator the caller keeps (e.g. to invalidate its caches). */
    public static FhirValidator validator(FhirContext fhirContext, FhirInstanceValidator instanceValidator) {
        FhirValidator validator = fhirContext.newValidator();
        validator.setValidateAgainstStandardSchema(false);
        validator.setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(instanceValidator);
        return validator;
    }
}
