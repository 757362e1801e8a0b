package org.releasedpn.fhir.conformance;

import static org.apache.commons.lang3.StringUtils.isBlank;

import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import jakarta.annotation.Nonnull;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * HAPI's chain, which also checks a code against a value set that no module holds under its URL.
 * A profile may bind to a ValueSet it contains ({@code #vs}); the validator hands that ValueSet
 * over with its own URL, HAPI's chain asks only the modules that know the URL, nobody answers, and
 * every code, also one the ValueSet lists, is reported as not in it. Such a ValueSet is expanded
 * and checked in memory instead, from its content. A ValueSet given only as an expansion (no
 * compose) holds exactly the codes it lists; HAPI expands only a compose, so the listed codes
 * become its compose first.
 */
final class ValueSetsByContent extends ValidationSupportChain {
    private final InMemoryTerminologyServerValidationSupport inMemory;

    /** @param inMemory the chain's in-memory terminology module, which is also one of the modules */
    ValueSetsByContent(CacheConfiguration cache, InMemoryTerminologyServerValidationSupport inMemory,
                       IValidationSupport... modules) {
        super(cache, modules);
        this.inMemory = inMemory;
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
            String codeSystem, String code, String display, @Nonnull IBaseResource valueSet) {
        CodeValidationResult byUrl = super.validateCodeInValueSet(context, options, codeSystem, code, display, valueSet);
        boolean unanswered = byUrl == null
                && !isBlank(CommonCodeSystemsTerminologyService.getValueSetUrl(getFhirContext(), valueSet));
        return unanswered
                ? inMemory.validateCodeInValueSet(context, options, codeSystem, code, display, withCompose(valueSet))
                : byUrl;
    }

    private static IBaseResource withCompose(IBaseResource valueSet) {
        if (!(valueSet instanceof ValueSet listed) || listed.hasCompose() || !listed.hasExpansion()) {
            return valueSet;
        }
        ValueSet composed = listed.copy();
        include(composed.getCompose(), listed.getExpansion().getContains());
        return composed;
    }

    private static void include(ValueSet.ValueSetComposeComponent compose,
                                List<ValueSet.ValueSetExpansionContainsComponent> contains) {
        for (ValueSet.ValueSetExpansionContainsComponent entry : contains) {
            if (entry.hasSystem() && entry.hasCode()) {
                compose.addInclude().setSystem(entry.getSystem()).setVersion(entry.getVersion())
                        .addConcept().setCode(entry.getCode()).setDisplay(entry.getDisplay());
            }
            include(compose, entry.getContains());
        }
    }
}
