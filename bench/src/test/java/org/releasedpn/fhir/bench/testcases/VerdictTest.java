package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both sides of a verdict step, and their comparison. */
class VerdictTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String WARNING_ONLY = """
            {"resourceType": "OperationOutcome", "issue": [
              {"severity": "warning", "code": "not-found", "details": {"text": "unknown code system"}}]}""";
    private static final String ONE_ERROR = """
            {"resourceType": "OperationOutcome", "issue": [
              {"severity": "information", "code": "informational", "diagnostics": "fine"},
              {"severity": "fatal", "code": "structure", "details": {"text": "bad JSON"}, "expression": ["Patient"]}]}""";

    private static ReferenceVerdict reference(String json) throws Exception {
        return ReferenceVerdict.of(MAPPER.readTree(json));
    }

    @Test
    void referenceIsInvalidWhenItExpectsAnErrorOrFatalIssue() throws Exception {
        assertEquals(Verdict.VALID, reference(WARNING_ONLY).verdict());
        assertEquals(new ReferenceVerdict(Verdict.INVALID, "bad JSON @ Patient"), reference(ONE_ERROR));
        assertEquals(Verdict.INVALID, reference("{\"outcome\": " + ONE_ERROR + "}").verdict());
        assertEquals(new ReferenceVerdict(Verdict.INVALID, "FATAL: not FHIR"),
                reference("{\"errorCount\": 1, \"output\": [\"FATAL: not FHIR\"]}"));
        assertEquals(Verdict.VALID, reference("{\"errorCount\": 0, \"warningCount\": 1, \"outcome\": " + WARNING_ONLY + "}").verdict());
    }

    @Test
    void serverVerdictComesFromItsOperationOutcomeUnlessItFailed() {
        assertEquals(new ServerVerdict(Verdict.VALID, 200, ""), ServerVerdict.of(200, WARNING_ONLY, MAPPER));
        assertEquals(Verdict.INVALID, ServerVerdict.of(200, ONE_ERROR, MAPPER).verdict());
        assertEquals(Verdict.INVALID, ServerVerdict.of(400, ONE_ERROR, MAPPER).verdict(), "a parse failure is a verdict");
        ServerVerdict crashed = ServerVerdict.of(500, ONE_ERROR, MAPPER);
        assertEquals(Verdict.NONE, crashed.verdict());
        assertEquals("bad JSON @ Patient", crashed.firstError());
        assertEquals(new ServerVerdict(Verdict.NONE, 404, "<html>Not Found</html>"),
                ServerVerdict.of(404, "<html>Not\nFound</html>", MAPPER));
        assertEquals(Verdict.NONE, ServerVerdict.of(-1, "ConnectException: refused", MAPPER).verdict());
    }

    @Test
    void aStepAgreesOnlyOnTheSameVerdict() throws Exception {
        ReferenceVerdict invalid = reference(ONE_ERROR);
        assertTrue(step(invalid, ServerVerdict.of(200, ONE_ERROR, MAPPER)).agrees());
        assertFalse(step(invalid, ServerVerdict.of(200, WARNING_ONLY, MAPPER)).agrees());
        assertFalse(step(reference(WARNING_ONLY), ServerVerdict.of(503, "", MAPPER)).agrees(), "no verdict never agrees");
    }

    private static StepResult step(ReferenceVerdict expected, ServerVerdict got) {
        return new StepResult("case", StepResult.BASE, expected, got, List.of(), List.of());
    }
}
