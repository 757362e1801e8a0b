package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ValidationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reusing validator reports exactly what HAPI's own validator reports, for every example,
 * also when its pooled validators have validated other resources before (state must not leak
 * from one validation into the next) and after they are retired and replaced.
 */
class ReusingInstanceValidatorTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static FhirValidator hapi;
    private static FhirValidator reusing;
    private static List<Path> examples;

    @BeforeAll
    static void validators() throws IOException {
        IValidationSupport support = TrialValidationSupport.create(FHIR, ConformancePackage.fromClasspath(FHIR));
        hapi = configured(new FhirInstanceValidator(support));
        reusing = configured(TrialValidatorFactory.instanceValidator(support));
        try (Stream<Path> files = Files.walk(Path.of("examples"))) {
            examples = files.filter(path -> path.toString().endsWith(".json")).sorted().toList();
        }
    }

    @Test
    void reportsWhatHapisValidatorReportsForEveryExampleAndAfterReuse() throws IOException {
        assertFalse(examples.isEmpty());
        // Enough rounds that every pooled validator is reused many times and retired at least once.
        int rounds = ReusingInstanceValidator.USES_PER_VALIDATOR * 2 / examples.size() + 2;
        for (int round = 0; round < rounds; round++) {
            for (Path example : examples) {
                IBaseResource resource = FHIR.newJsonParser().parseResource(Files.readString(example));
                ValidationOptions options = new ValidationOptions();
                ImpliedProfile.declaredAndImplied(resource).forEach(options::addProfile);
                assertEquals(messages(hapi, resource, options), messages(reusing, resource, options),
                        () -> example + " validated differently by the reusing validator");
            }
        }
    }

    private static List<String> messages(FhirValidator validator, IBaseResource resource, ValidationOptions options) {
        List<String> messages = new ArrayList<>();
        validator.validateWithResult(resource, options).getMessages().forEach(message -> messages.add(
                message.getSeverity() + " " + message.getLocationString() + " " + message.getMessage()));
        messages.sort(String::compareTo);
        return messages;
    }

    private static FhirValidator configured(FhirInstanceValidator module) {
        module.setAnyExtensionsAllowed(true);
        module.setErrorForUnknownProfiles(true);
        module.setBestPracticeWarningLevel(org.hl7.fhir.r5.utils.validation.constants.BestPracticeWarningLevel.Ignore);
        module.setAssumeValidRestReferences(true);
        FhirValidator validator = FHIR.newValidator();
        validator.setValidateAgainstStandardSchema(false);
        validator.setValidateAgainstStandardSchematron(false);
        validator.registerValidatorModule(module);
        return validator;
    }
}
