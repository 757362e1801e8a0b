package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Observation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * A valid and an invalid example per profile through the chain the server uses, and the chain's
 * terminology behaviour. Also logs how long a first and a warmed validation take.
 */
class TrialValidationSupportTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final Path EXAMPLES = Path.of("examples");
    private static FhirValidator validator;
    private static ExampleCheck check;

    @BeforeAll
    static void buildValidatorAndMeasure() throws IOException {
        validator = TrialValidatorFactory.validator(FHIR,
                TrialValidationSupport.create(FHIR, ConformancePackage.fromClasspath(FHIR)));
        check = new ExampleCheck(FHIR, validator);
        IBaseResource tcss = read("valid/Observation-dpn-tcss-001-screening.json");
        long first = timeValidation(tcss);
        long warm = timeValidation(read("valid/Observation-dpn-tcss-001-week24.json"));
        System.out.printf("[test] validation of a TCSS Observation: first %d ms, warm %d ms%n", first, warm);
    }

    @ParameterizedTest(name = "{0} is valid, {1} breaks {2} at {3}")
    @CsvSource({
            "valid/ResearchStudy-release-dpn.json, invalid/dpn-study-1.json, dpn-study-1, ResearchStudy.arm[1], dpn-research-study",
            "valid/ResearchSubject-dpn-subject-002.json, invalid/dpn-rs-2.json, dpn-rs-2, ResearchSubject, dpn-research-subject",
            "valid/Observation-dpn-tcss-002-day0.json, invalid/dpn-tcss-3.json, dpn-tcss-3, Observation.component[4], dpn-tcss",
            "valid/Observation-dpn-ncs-002-sural-left.json, invalid/dpn-ncs-2.json, dpn-ncs-2, Observation.component[0], dpn-nerve-conduction",
            "valid/Observation-dpn-crp-002-day0.json, invalid/dpn-crp-2.json, dpn-crp-2, Observation.value.ofType(Quantity), dpn-crp",
            "valid/AdverseEvent-dpn-ae-002-headache.json, invalid/dpn-ae-2.json, dpn-ae-2, AdverseEvent.severity, dpn-adverse-event" })
    void validAndInvalidExamplePerProfile(String validFile, String invalidFile, String ruleKey, String location, String profile)
            throws IOException {
        assertEquals(List.of(), errors(read(validFile)));
        List<SingleValidationMessage> errors = errors(read(invalidFile));
        assertTrue(errors.stream().anyMatch(e -> location.equals(e.getLocationString()) && e.getMessage().contains(ruleKey)),
                () -> "expected " + ruleKey + " at " + location + ", got " + describe(errors));
        assertTrue(ImpliedProfile.of(read(invalidFile)).contains(TrialCanonicals.profile(profile)));
    }

    @Test
    void mscAdministrationOutsideAnInjectionVisitIsRejected() throws IOException {
        IBaseResource day7 = read("valid/Procedure-dpn-msc-001-day7.json");
        assertEquals(List.of(), errors(day7));
        String week12 = Files.readString(EXAMPLES.resolve("valid/Procedure-dpn-msc-001-day7.json"))
                .replace("\"day-7\"", "\"week-12\"");
        List<SingleValidationMessage> errors = errors(FHIR.newJsonParser().parseResource(week12));
        assertTrue(errors.stream().anyMatch(e -> e.getLocationString().startsWith("Procedure.extension[1]")),
                () -> describe(errors));
    }

    @Test
    void unknownLoincCodeIsAWarningNotAnError() throws IOException {
        Observation crp = (Observation) read("valid/Observation-dpn-crp-001-day0.json");
        crp.getCode().addCoding().setSystem("http://loinc.org").setCode("99999-9");
        List<SingleValidationMessage> messages = validator.validateWithResult(crp).getMessages();
        assertEquals(List.of(), errors(crp));
        assertTrue(messages.stream().anyMatch(m -> m.getSeverity() == ResultSeverityEnum.WARNING
                && m.getMessage().contains("http://loinc.org")), () -> describe(messages));
    }

    @Test
    void aCodeOutsideTheTrialsOwnCodeSystemIsAnError() throws IOException {
        String badNerve = Files.readString(EXAMPLES.resolve("valid/Observation-dpn-ncs-001-sural-right.json"))
                .replace("\"code\": \"sural\"", "\"code\": \"saphenous\"");
        assertTrue(!errors(FHIR.newJsonParser().parseResource(badNerve)).isEmpty());
    }

    @Test
    void anUnknownDeclaredProfileIsAnError() throws IOException {
        IBaseResource crp = read("valid/Observation-dpn-crp-002-day0.json");
        crp.getMeta().addProfile(TrialCanonicals.profile("dpn-unknown"));
        assertTrue(!errors(crp).isEmpty());
    }

    @Test
    void anExtraExtensionFromTheEhrIsAccepted() throws IOException {
        Observation tcss = (Observation) read("valid/Observation-dpn-tcss-002-day0.json");
        tcss.addExtension("http://hospital.example.org/fhir/StructureDefinition/ward",
                new org.hl7.fhir.r4.model.StringType("Endocrinology 3"));
        assertEquals(List.of(), errors(tcss));
    }

    @Test
    void theExampleCheckSeesAWrongExpectedLocation() throws IOException {
        ExampleExpectation wrongPlace = new ExampleExpectation("invalid/dpn-tcss-3.json", TrialCanonicals.TCSS_PROFILE,
                ExampleExpectation.Outcome.INVALID, "dpn-tcss-3", "Observation.component[3]", ExampleExpectation.CheckedBy.PROFILE);
        assertEquals(1, check.checkOne(EXAMPLES.resolve(wrongPlace.file()), wrongPlace).size());
    }

    private static List<SingleValidationMessage> errors(IBaseResource resource) {
        return check.validate(resource, ImpliedProfile.declaredAndImplied(resource));
    }

    private static long timeValidation(IBaseResource resource) {
        long start = System.nanoTime();
        check.validate(resource, Set.copyOf(ImpliedProfile.declaredAndImplied(resource)));
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static IBaseResource read(String file) throws IOException {
        return FHIR.newJsonParser().parseResource(Files.readString(EXAMPLES.resolve(file)));
    }

    private static String describe(List<SingleValidationMessage> messages) {
        return messages.stream().map(m -> m.getSeverity() + " [" + m.getLocationString() + "] " + m.getMessage()).toList()
                .toString();
    }
}
