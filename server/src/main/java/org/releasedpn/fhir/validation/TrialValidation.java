package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.releasedpn.fhir.config.GuidePackageSettings;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.conformance.GuidePackage;
import org.releasedpn.fhir.conformance.GuidePackages;
import org.releasedpn.fhir.conformance.TrialValidationSupport;
import org.releasedpn.fhir.conformance.TrialValidatorFactory;
import org.releasedpn.fhir.terminology.TrialTerminology;

/**
 * The trial's package, the operator's implementation guides, the terminology and the validator,
 * ready and warmed up. They need no database, so they are prepared on a thread of their own while
 * HAPI's JPA components start: on two cores the slower of the two sets the start-up time, not
 * their sum. Conformance resources that clients store over REST join later
 * ({@link #useStoredDefinitions}).
 */
public record TrialValidation(ConformancePackage conformancePackage, List<GuidePackage> guides,
                              TrialTerminology terminology, ProfileValidator validator,
                              ValidationSupportChain definitions, FhirInstanceValidator instanceValidator) {

    public static CompletableFuture<TrialValidation> prepareInBackground(GuidePackageSettings guideSettings) {
        return CompletableFuture.supplyAsync(() -> prepare(FhirContext.forR4Cached(), guideSettings));
    }

    public static TrialValidation prepare(FhirContext fhirContext, GuidePackageSettings guideSettings) {
        ConformancePackage conformancePackage = ConformancePackage.fromClasspath(fhirContext);
        List<GuidePackage> guides = GuidePackages.resolve(fhirContext, guideSettings.packages(), guideSettings.cacheDir());
        ValidationSupportChain definitions = TrialValidationSupport.create(fhirContext, conformancePackage, guides);
        TrialTerminology terminology = new TrialTerminology(definitions);
        FhirInstanceValidator instanceValidator = TrialValidatorFactory.instanceValidator(definitions);
        FhirValidator fhirValidator = TrialValidatorFactory.validator(fhirContext, instanceValidator);
        ProfileValidator validator = new ProfileValidator(fhirValidator,
                new ValidationIssues(RuleKeys.from(conformancePackage.resources())),
                url -> definitions.fetchStructureDefinition(url) != null);
        ValidatorWarmUp.run(fhirContext, validator);
        return new TrialValidation(conformancePackage, guides, terminology, validator, definitions, instanceValidator);
    }

    /** Conformance resources stored in the database take part in validation from now on. */
    public void useStoredDefinitions(IValidationSupport stored) {
        TrialValidationSupport.addStoredDefinitions(definitions, stored);
    }

    /** Forgets what the validator has cached, so that changed definitions are used from the next validation on. */
    public void definitionsChanged() {
        instanceValidator.invalidateCaches();
    }
}
