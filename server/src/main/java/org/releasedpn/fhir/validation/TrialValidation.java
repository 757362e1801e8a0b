package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import java.util.concurrent.CompletableFuture;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.conformance.TrialValidationSupport;
import org.releasedpn.fhir.conformance.TrialValidatorFactory;
import org.releasedpn.fhir.terminology.TrialTerminology;

/**
 * The trial's package, terminology and validator, ready and warmed up. They need no database, so
 * they are prepared on a thread of their own while HAPI's JPA components start: on two cores the
 * slower of the two sets the start-up time, not their sum.
 */
public record TrialValidation(ConformancePackage conformancePackage, TrialTerminology terminology,
                              ProfileValidator validator) {

    public static CompletableFuture<TrialValidation> prepareInBackground() {
        return CompletableFuture.supplyAsync(() -> prepare(FhirContext.forR4Cached()));
    }

    public static TrialValidation prepare(FhirContext fhirContext) {
        ConformancePackage conformancePackage = ConformancePackage.fromClasspath(fhirContext);
        TrialTerminology terminology = new TrialTerminology(TrialValidationSupport.create(fhirContext, conformancePackage));
        ProfileValidator validator = new ProfileValidator(
                TrialValidatorFactory.validator(fhirContext, terminology.support()),
                new ValidationIssues(RuleKeys.from(conformancePackage.resources())));
        ValidatorWarmUp.run(fhirContext, validator);
        return new TrialValidation(conformancePackage, terminology, validator);
    }
}
