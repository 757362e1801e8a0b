package org.releasedpn.fhir.conformance;

import java.util.Collection;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.context.support.IValidationSupport;

/**
 * The validation support chain the whole server validates with: base R4 definitions, the trial's
 * package, local terminology, and snapshot generation, cached by the 8.x chain itself.
 *
 * <p>No terminology server is reachable, so LOINC, SNOMED CT and MedDRA are not held locally. A
 * code from such a system that the validator cannot check is reported as a warning, never as an
 * error; codes of the trial's own systems and of enumerated value sets are still checked exactly.
 */
public final class TrialValidationSupport {

    private TrialValidationSupport() {
    }

    public static ValidationSupportChain create(FhirContext fhirContext, ConformancePackage conformancePackage) {
        return create(fhirContext, conformancePackage, List.of());
    }

    /** The chain with the trial's package and, after it, the operator's implementation guides. */
    public static ValidationSupportChain create(FhirContext fhirContext, ConformancePackage conformancePackage,
                                                List<GuidePackage> guides) {
        ValidationSupportChain chain = create(fhirContext, conformancePackage.resources(),
                ValidationSupportChain.CacheConfiguration.defaultValues());
        if (!guides.isEmpty()) {
            PrePopulatedValidationSupport guideResources = new PrePopulatedValidationSupport(fhirContext);
            guides.forEach(guide -> guide.resources().forEach(guideResources::addResource));
            chain.addValidationSupport(2, guideResources);
        }
        return chain;
    }

    /**
     * Adds conformance resources that live elsewhere (those clients store over REST) behind
     * everything held in memory, so that the trial's and the installed guides' definitions always
     * win, and before the last module, which answers for code systems nobody knows.
     */
    public static void addStoredDefinitions(ValidationSupportChain chain, IValidationSupport stored) {
        chain.addValidationSupport(chain.getValidationSupports().size() - 1, new MajorMinorVersionMatch(stored));
    }

    /**
     * @param conformanceResources the trial's StructureDefinitions (with or without snapshots),
     *        CodeSystems, ValueSets and SearchParameters
     * @param cache use {@code CacheConfiguration.disabled()} while the resources are still being
     *        changed (the package build), {@code defaultValues()} otherwise
     */
    public static ValidationSupportChain create(FhirContext fhirContext,
            Collection<? extends IBaseResource> conformanceResources, ValidationSupportChain.CacheConfiguration cache) {
        PrePopulatedValidationSupport trialResources = new PrePopulatedValidationSupport(fhirContext);
        conformanceResources.forEach(trialResources::addResource);

        UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(fhirContext);
        unknownSystems.setNonExistentCodeSystemSeverity(IValidationSupport.IssueSeverity.WARNING);

        InMemoryTerminologyServerValidationSupport inMemory = new InMemoryTerminologyServerValidationSupport(fhirContext);
        DefaultProfileValidationSupport baseR4 = new DefaultProfileValidationSupport(fhirContext);
        ValidationSupportChain chain = new ValueSetsByContent(cache, inMemory,
                baseR4,
                trialResources,
                new BaseSearchParameters(fhirContext, baseR4),
                new CommonLanguagesAsPreferred(fhirContext),
                inMemory,
                new SnapshotGeneratingValidationSupport(fhirContext),
                // Last, so it only answers for code systems no module above knows.
                unknownSystems);
        chain.setName("RELEASE-DPN validation support");
        // An EHR often sends its local lab code beside the LOINC code: one coding from a required
        // value set is enough, the others must not turn the whole CodeableConcept into an error.
        chain.setCodeableConceptValidationSuccessfulIfNotAllCodingsAreValid(true);
        return chain;
    }
}
