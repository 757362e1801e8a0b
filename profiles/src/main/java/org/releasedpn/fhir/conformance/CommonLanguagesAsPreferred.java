package org.releasedpn.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import jakarta.annotation.Nonnull;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * HAPI's built-in terminology for the common code systems, with one correction. R4 binds every
 * language element with strength preferred to the Common Languages value set (56 tags); HAPI
 * 8.8.0 answers a valid BCP-47 tag outside those 56 (e.g. {@code vi}) with an issue of severity
 * error, which the HL7 validator passes on as an error whatever the binding's strength. Such a
 * tag is a warning here; the validator still makes its own error for a required binding.
 *
 * <p>A wrapper, not a subclass: HAPI finds the service's message texts by its class name.
 */
final class CommonLanguagesAsPreferred extends BaseValidationSupportWrapper {
    private static final String LANGUAGES = CommonCodeSystemsTerminologyService.LANGUAGES_VALUESET_URL;
    private static final String BCP_47 = CommonCodeSystemsTerminologyService.LANGUAGES_CODESYSTEM_URL;

    CommonLanguagesAsPreferred(FhirContext fhirContext) {
        super(fhirContext, new CommonCodeSystemsTerminologyService(fhirContext));
    }

    @Override
    public CodeValidationResult validateCode(@Nonnull ValidationSupportContext context,
            @Nonnull ConceptValidationOptions options, String codeSystem, String code, String display,
            String valueSetUrl) {
        CodeValidationResult result = super.validateCode(context, options, codeSystem, code, display, valueSetUrl);
        return LANGUAGES.equals(valueSetUrl) && isLanguageTag(context, options, code) ? asWarnings(result) : result;
    }

    @Override
    public CodeValidationResult validateCodeInValueSet(ValidationSupportContext context, ConceptValidationOptions options,
            String codeSystem, String code, String display, @Nonnull IBaseResource valueSet) {
        CodeValidationResult result = super.validateCodeInValueSet(context, options, codeSystem, code, display, valueSet);
        return LANGUAGES.equals(CommonCodeSystemsTerminologyService.getValueSetUrl(getFhirContext(), valueSet))
                && isLanguageTag(context, options, code) ? asWarnings(result) : result;
    }

    /** A malformed tag ("123x") stays an error: it is in no language value set at all. */
    private boolean isLanguageTag(ValidationSupportContext context, ConceptValidationOptions options, String code) {
        CodeValidationResult asTag = super.validateCode(context, options, BCP_47, code, null, null);
        return asTag != null && asTag.isOk();
    }

    private static CodeValidationResult asWarnings(CodeValidationResult result) {
        if (result == null || result.getIssues() == null) {
            return result;
        }
        List<CodeValidationIssue> issues = result.getIssues().stream()
                .map(issue -> issue.getSeverity() != IssueSeverity.ERROR ? issue
                        : new CodeValidationIssue(issue.getDiagnostics(), IssueSeverity.WARNING, issue.getType(),
                                issue.getCoding()))
                .toList();
        return result.setIssues(issues);
    }
}
