package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.util.stream.Stream;
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
 * "Would this be accepted?" has one answer: for every example of the package, valid or invalid,
 * {@code $validate?mode=create} and the create itself give the same verdict on the same body,
 * and it is the verdict expectations.csv names.
 */
abstract class ValidateAgreesWithCreateSuite {
    private FhirEndpoint fhir;
    private String suffix;
    private ExampleWorld world;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        suffix = unique("");
        world = new ExampleWorld(new TrialSubjects(fhir), suffix);
    }

    static Stream<Expectation> examples() {
        return TrialExamples.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void validateAndCreateGiveTheSameVerdict(Expectation example) {
        Resource resource = TrialExamples.load(example.file(), suffix);
        world.prepareFor(example.file(), resource);
        String body = TrialExamples.json(resource);

        Http.Response validated = Http.send("POST", fhir.uri(resource.fhirType() + "/$validate?mode=create"), FHIR_JSON, body);
        Http.Response created = Http.send("POST", fhir.uri(resource.fhirType()), FHIR_JSON, body);

        assertEquals(200, validated.status(), validated::toString);
        boolean validateAccepts = Outcomes.errors(validated.operationOutcome()).isEmpty();
        boolean createAccepts = created.status() == 201;
        assertEquals(validateAccepts, createAccepts, () -> "$validate: " + validated + "\ncreate: " + created);
        assertEquals(example.outcome().equals("valid"), createAccepts, created::toString);
    }
}
