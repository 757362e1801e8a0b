package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Http.FHIR_XML;
import static org.releasedpn.fhir.testsupport.Resources.unique;
import static org.releasedpn.fhir.validation.Outcomes.assertNoErrors;
import static org.releasedpn.fhir.validation.Outcomes.assertRuleError;
import static org.releasedpn.fhir.validation.Outcomes.errors;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialExamples.Expectation;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * {@link ValidateOperationInterceptor}: {@code $validate} answers 200 with the OperationOutcome a
 * write would get (contract section 3), with the resource as the body (JSON or XML) or as the
 * {@code resource} parameter, {@code profile} and {@code mode} from the URL or the Parameters, at
 * type and instance level; it never stores anything.
 */
abstract class ValidateOperationSuite {
    private static final String TCSS_PROFILE = WriteValidationSuite.TCSS_PROFILE;

    private FhirEndpoint fhir;
    private TrialSubjects subjects;
    private String suffix;
    private ExampleWorld world;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        subjects = new TrialSubjects(fhir);
        suffix = unique("");
        world = new ExampleWorld(subjects, suffix);
    }

    static Stream<Expectation> validExamples() {
        return TrialExamples.valid().stream();
    }

    static Stream<Expectation> invalidExamples() {
        return TrialExamples.invalidByProfile().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExampleHasNoError(Expectation example) {
        Resource resource = prepared(example.file());
        int before = fhir.count(resource.fhirType());

        Http.Response answered = validate(resource.fhirType() + "/$validate", resource);

        assertEquals(200, answered.status(), answered::toString);
        assertNoErrors(answered.operationOutcome());
        assertEquals(before, fhir.count(resource.fhirType()), "$validate stores nothing");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExampleIsReportedWithItsRuleAndLocation(Expectation example) {
        Resource resource = prepared(example.file());
        int before = fhir.count(resource.fhirType());

        Http.Response answered = validate(resource.fhirType() + "/$validate", resource);

        assertEquals(200, answered.status(), answered::toString);
        assertRuleError(answered.operationOutcome(), example.ruleKey(), example.expression());
        assertEquals(before, fhir.count(resource.fhirType()), "$validate stores nothing");
    }

    @Test
    void xmlBodyIsValidatedAndAnsweredInXml() {
        Resource broken = prepared("invalid/dpn-tcss-3.json");

        Http.Response answered = Http.send("POST", fhir.uri("Observation/$validate"), FHIR_XML,
                TrialExamples.xml(broken), "Accept", FHIR_XML);

        assertEquals(200, answered.status(), answered::toString);
        assertTrue(answered.contentType().contains("xml"), answered.contentType());
        assertRuleError(answered.operationOutcome(), "dpn-tcss-3", "Observation.component[4]");
    }

    @Test
    void parametersBodyCarriesResourceProfileAndMode() {
        Observation crp = prepared("valid/Observation-dpn-crp-001-day0.json", Observation.class);
        Parameters plain = new Parameters();
        plain.addParameter().setName("resource").setResource(crp.copy());
        plain.addParameter().setName("mode").setValue(new CodeType("create"));
        Parameters asTcss = plain.copy();
        asTcss.addParameter().setName("profile").setValue(new CanonicalType(TCSS_PROFILE));
        int before = fhir.count("Observation");

        Http.Response withoutProfile = Http.send("POST", fhir.uri("Observation/$validate"), FHIR_JSON,
                TrialExamples.json(plain));
        Http.Response withProfile = Http.send("POST", fhir.uri("Observation/$validate"), FHIR_JSON,
                TrialExamples.json(asTcss));

        assertEquals(200, withoutProfile.status(), withoutProfile::toString);
        assertNoErrors(withoutProfile.operationOutcome());
        assertEquals(200, withProfile.status(), withProfile::toString);
        assertFalse(errors(withProfile.operationOutcome()).isEmpty(),
                () -> "a CRP is not a TCSS: " + Outcomes.describe(withProfile.operationOutcome()));
        assertEquals(before, fhir.count("Observation"), "mode=create stores nothing");
    }

    @Test
    void profileInTheUrlIsApplied() {
        Observation crp = prepared("valid/Observation-dpn-crp-001-day0.json", Observation.class);

        Http.Response answered = validate("Observation/$validate?profile="
                + URLEncoder.encode(TCSS_PROFILE, StandardCharsets.UTF_8), crp);

        assertEquals(200, answered.status(), answered::toString);
        assertFalse(errors(answered.operationOutcome()).isEmpty(),
                () -> "a CRP is not a TCSS: " + Outcomes.describe(answered.operationOutcome()));
    }

    @Test
    void instanceLevelValidateChecksTheBodyAndLeavesTheStoredVersion() {
        Observation stored = prepared("valid/Observation-dpn-tcss-001-screening.json", Observation.class);
        subjects.put(stored);
        String path = "Observation/" + stored.getIdElement().getIdPart();
        Observation broken = TrialExamples.load("invalid/dpn-tcss-3.json", suffix, Observation.class);
        broken.setSubject(stored.getSubject().copy());
        broken.setId(stored.getIdElement().getIdPart());

        Http.Response good = validate(path + "/$validate?mode=update", stored);
        Http.Response bad = validate(path + "/$validate", broken);

        assertEquals(200, good.status(), good::toString);
        assertNoErrors(good.operationOutcome());
        assertEquals(200, bad.status(), bad::toString);
        OperationOutcome outcome = bad.operationOutcome();
        assertRuleError(outcome, "dpn-tcss-3", "Observation.component[4]");
        assertEquals("1", Http.get(fhir.uri(path)).resource(Observation.class).getMeta().getVersionId());
    }

    private Http.Response validate(String path, Resource resource) {
        return Http.send("POST", fhir.uri(path), FHIR_JSON, TrialExamples.json(resource));
    }

    private Resource prepared(String file) {
        Resource resource = TrialExamples.load(file, suffix);
        world.prepareFor(file, resource);
        return resource;
    }

    private <T extends Resource> T prepared(String file, Class<T> type) {
        return type.cast(prepared(file));
    }
}
