package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** A validator that fails (the HL7 engine has its bugs) yields an error issue, never an exception. */
class ProfileValidatorTest {

    @Test
    void aFailingValidatorBecomesAnErrorIssueAtTheResource() {
        FhirValidator failing = FhirContext.forR4Cached().newValidator();
        failing.registerValidatorModule(context -> {
            throw new ClassCastException("org.hl7.fhir.r4.model.ValueSet cannot be cast to Questionnaire");
        });
        ProfileValidator validator = new ProfileValidator(failing, new ValidationIssues(RuleKeys.from(List.of())),
                url -> false);

        ProfileValidation validation = validator.validate(new Patient(), Set.of());

        assertTrue(validation.hasErrors());
        OperationOutcomeIssueComponent error = validation.errors().get(0);
        assertEquals("Patient", error.getExpression().get(0).getValue());
        assertTrue(error.getDiagnostics().contains("could not process") && error.getDiagnostics().contains("ValueSet"),
                error::getDiagnostics);
    }
}
