package org.releasedpn.fhir.terminology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.UriType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * {@link TerminologyOperations}: {@code ValueSet/$expand}, {@code ValueSet/$validate-code},
 * {@code CodeSystem/$lookup} and {@code CodeSystem/$validate-code} over the trial's terminology,
 * by GET and by POST of Parameters, at type and instance level.
 */
abstract class TerminologyOperationsSuite {
    private static final String BASE = "http://fhir.release-dpn.org/";
    private static final String STUDY_VISIT = BASE + "CodeSystem/study-visit";
    private static final String TCSS = BASE + "CodeSystem/tcss";
    private static final String MSC_VISIT = BASE + "ValueSet/msc-visit";

    private FhirEndpoint fhir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    @Test
    void expandMscVisitGivesExactlyTheThreeInjectionVisits() {
        Http.Response answered = Http.get(fhir.uri("ValueSet/$expand?url=" + encode(MSC_VISIT)));

        assertEquals(200, answered.status(), answered::toString);
        ValueSet expansion = answered.resource(ValueSet.class);
        assertEquals(List.of("day-0", "day-7", "day-28"), codes(expansion));
        assertTrue(expansion.getExpansion().getContains().stream().allMatch(c -> STUDY_VISIT.equals(c.getSystem())));
    }

    @Test
    void expandByPostOfParameters() {
        Parameters call = new Parameters();
        call.addParameter().setName("url").setValue(new UriType(MSC_VISIT));

        Http.Response answered = post("ValueSet/$expand", call);

        assertEquals(200, answered.status(), answered::toString);
        assertEquals(List.of("day-0", "day-7", "day-28"), codes(answered.resource(ValueSet.class)));
    }

    @Test
    void expandAtInstanceLevel() {
        Http.Response answered = Http.get(fhir.uri("ValueSet/study-visit/$expand"));

        assertEquals(200, answered.status(), answered::toString);
        assertEquals(Set.of("screening", "day-0", "day-7", "day-28", "week-12", "week-24", "week-52", "week-104",
                "unscheduled"), Set.copyOf(codes(answered.resource(ValueSet.class))));
    }

    @Test
    void expandOfAnUnknownValueSetIs404WithAnOperationOutcome() {
        Http.Response byUrl = Http.get(fhir.uri("ValueSet/$expand?url=" + encode(BASE + "ValueSet/no-such-set")));
        Http.Response byId = Http.get(fhir.uri("ValueSet/no-such-set/$expand"));

        assertEquals(404, byUrl.status(), byUrl::toString);
        assertFalse(byUrl.operationOutcome().getIssue().isEmpty());
        assertEquals(404, byId.status(), byId::toString);
        assertTrue(byId.resource() instanceof OperationOutcome, byId::toString);
    }

    @Test
    void lookupGivesTheDisplay() {
        Http.Response answered = Http.get(fhir.uri("CodeSystem/$lookup?system=" + encode(TCSS) + "&code=reflex-knee-left"));

        assertEquals(200, answered.status(), answered::toString);
        assertEquals("Knee reflex, left", text(answered.resource(Parameters.class), "display"));
    }

    @Test
    void lookupByPostOfACoding() {
        Parameters call = new Parameters();
        call.addParameter().setName("coding").setValue(new Coding(TCSS, "sensory-vibration", null));

        Http.Response answered = post("CodeSystem/$lookup", call);

        assertEquals(200, answered.status(), answered::toString);
        assertEquals("Vibration sensation", text(answered.resource(Parameters.class), "display"));
    }

    @Test
    void valueSetValidateCodeAnswersTrueAndFalse() {
        String ask = "ValueSet/$validate-code?url=" + encode(MSC_VISIT) + "&system=" + encode(STUDY_VISIT) + "&code=";

        Http.Response inSet = Http.get(fhir.uri(ask + "day-7"));
        Http.Response notInSet = Http.get(fhir.uri(ask + "week-12"));

        assertEquals(200, inSet.status(), inSet::toString);
        assertTrue(result(inSet), inSet::toString);
        assertEquals(200, notInSet.status(), notInSet::toString);
        assertFalse(result(notInSet), notInSet::toString);
    }

    @Test
    void valueSetValidateCodeByPostAtInstanceLevel() {
        Parameters call = new Parameters();
        call.addParameter().setName("coding").setValue(new Coding(STUDY_VISIT, "week-104", null));

        Http.Response inSet = post("ValueSet/study-visit/$validate-code", call);
        Http.Response notInSet = post("ValueSet/msc-visit/$validate-code", call);

        assertEquals(200, inSet.status(), inSet::toString);
        assertTrue(result(inSet), inSet::toString);
        assertEquals(200, notInSet.status(), notInSet::toString);
        assertFalse(result(notInSet), notInSet::toString);
    }

    @Test
    void codeSystemValidateCodeAnswersTrueAndFalse() {
        String ask = "CodeSystem/$validate-code?url=" + encode(TCSS) + "&code=";

        Http.Response known = Http.get(fhir.uri(ask + "symptom-ataxia"));
        Http.Response unknown = Http.get(fhir.uri(ask + "symptom-hiccups"));

        assertEquals(200, known.status(), known::toString);
        assertTrue(result(known), known::toString);
        assertEquals(200, unknown.status(), unknown::toString);
        assertFalse(result(unknown), unknown::toString);
    }

    private Http.Response post(String path, Parameters call) {
        return Http.send("POST", fhir.uri(path), FHIR_JSON, TrialExamples.json(call));
    }

    private static List<String> codes(ValueSet expansion) {
        return expansion.getExpansion().getContains().stream().map(ValueSet.ValueSetExpansionContainsComponent::getCode)
                .collect(Collectors.toList());
    }

    private static boolean result(Http.Response answered) {
        return ((BooleanType) answered.resource(Parameters.class).getParameter("result").getValue()).booleanValue();
    }

    private static String text(Parameters parameters, String name) {
        return parameters.getParameter(name) == null ? null : parameters.getParameter(name).getValue().primitiveValue();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
