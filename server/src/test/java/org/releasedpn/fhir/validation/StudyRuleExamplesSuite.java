package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;
import static org.releasedpn.fhir.validation.Outcomes.assertRuleError;

import java.util.stream.Stream;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialExamples.Expectation;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * The invalid examples whose rule only the server can check ({@code checkedBy=server} in
 * expectations.csv: dpn-rs-1, dpn-rs-3, dpn-rs-4, dpn-ae-1), sent with exactly the stored data the
 * profiles README names: the write is refused with 422 naming the rule and nothing is stored, and
 * {@code $validate} with {@code mode=create} reports the same rule.
 */
abstract class StudyRuleExamplesSuite {
    private FhirEndpoint fhir;
    private String suffix;
    private ExampleWorld world;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        suffix = unique("");
        world = new ExampleWorld(new TrialSubjects(fhir), suffix);
    }

    static Stream<Expectation> serverCheckedExamples() {
        return TrialExamples.invalidByServer().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverCheckedExamples")
    void writeIsRefusedNamingTheRule(Expectation example) {
        Resource resource = prepared(example.file());
        int before = fhir.count(resource.fhirType());

        Http.Response refused = Http.send("POST", fhir.uri(resource.fhirType()), FHIR_JSON, TrialExamples.json(resource));

        assertEquals(422, refused.status(), refused::toString);
        assertRuleError(refused.operationOutcome(), example.ruleKey(), example.expression());
        assertEquals(before, fhir.count(resource.fhirType()), "nothing of the refused example is stored");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverCheckedExamples")
    void validateInModeCreateReportsTheRule(Expectation example) {
        Resource resource = prepared(example.file());
        Parameters call = new Parameters();
        call.addParameter().setName("resource").setResource(resource);
        call.addParameter().setName("mode").setValue(new CodeType("create"));

        Http.Response answered = Http.send("POST", fhir.uri(resource.fhirType() + "/$validate"), FHIR_JSON,
                TrialExamples.json(call));

        assertEquals(200, answered.status(), answered::toString);
        assertRuleError(answered.operationOutcome(), example.ruleKey(), example.expression());
    }

    private Resource prepared(String file) {
        Resource resource = TrialExamples.load(file, suffix);
        world.prepareFor(file, resource);
        return resource;
    }
}
