package org.releasedpn.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.ConceptValidationOptions;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import jakarta.annotation.Nonnull;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;

/**
 * HAPI's built-in terminology for the common code systems, with one correction. R4 binds every
 * language element with strength preferred to the Common Languages value set (56 tags); HAPI
 * 8.8.0 answers a valid BCP-47 tag outside those 56 (e.g. {@code vi}) with an issue of severity
 * error, which the HL7 validator passes on as an error whatever the binding's strength. Such a
 * tag is a warning here; the validator still makes its own error for a required binding.
 */
final class CommonLanguagesAsPreferred extends CommonCodeSystemsTerminologyService {

    CommonLanguagesAsPreferred(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    public CodeValidationResult validateCode(@Nonnull ValidationSupportContext context,
            @Nonnull ConceptValidationOptions options, String codeSystem, String code, String display,
            String valueSetUrl) {
        CodeValidationResult result = super.validateCode(context, options, codeSystem, code, display, valueSetUrl);
        if (!LANGUAGES_VALUESET_URL.equals(valueSetUrl) || result == null || result.getIssues() == null) {
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
