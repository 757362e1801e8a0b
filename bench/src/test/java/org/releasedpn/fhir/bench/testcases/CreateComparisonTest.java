package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pure parts of --compare-create: the create verdict, creatable types, agreement and the summary. */
class CreateComparisonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String REFUSAL = """
            {"resourceType": "OperationOutcome", "issue": [
              {"severity": "warning", "code": "informational", "diagnostics": "just so"},
              {"severity": "error", "code": "processing", "diagnostics": "Patient.name: minimum required = 1",
               "expression": ["Patient"]}]}""";
    private static final String CLEAN = """
            {"resourceType": "OperationOutcome", "issue": [
              {"severity": "information", "code": "informational", "diagnostics": "No errors"}]}""";
    private static final ServerVerdict VALID = ServerVerdict.of(200, CLEAN, MAPPER);
    private static final ServerVerdict INVALID = ServerVerdict.of(200, REFUSAL, MAPPER);

    @Test
    void storedIsValidRefusedIsInvalidAndServerFailuresAreNoVerdict() {
        assertEquals(new ServerVerdict(Verdict.VALID, 201, ""),
                ServerVerdict.ofCreate(201, "{\"resourceType\": \"Patient\", \"id\": \"1\"}", MAPPER));
        assertEquals(new ServerVerdict(Verdict.INVALID, 422, "Patient.name: minimum required = 1 @ Patient"),
                ServerVerdict.ofCreate(422, REFUSAL, MAPPER));
        assertEquals(new ServerVerdict(Verdict.INVALID, 400, "bad body"), ServerVerdict.ofCreate(400, "bad\nbody", MAPPER),
                "any 4xx is a refusal, OperationOutcome or not");
        assertEquals(Verdict.INVALID, ServerVerdict.ofCreate(412, "", MAPPER).verdict());
        assertEquals(Verdict.NONE, ServerVerdict.ofCreate(500, REFUSAL, MAPPER).verdict());
        assertEquals(Verdict.NONE, ServerVerdict.ofCreate(404, "Unknown resource type", MAPPER).verdict(), "no endpoint");
        assertEquals(Verdict.NONE, ServerVerdict.ofCreate(405, "", MAPPER).verdict(), "no create");
        assertEquals(new ServerVerdict(Verdict.NONE, -1, "ConnectException: refused"),
                ServerVerdict.ofCreate(-1, "ConnectException: refused", MAPPER));
    }

    @Test
    void creatableTypesComeFromTheServersRestEntry() throws Exception {
        String capabilities = """
                {"resourceType": "CapabilityStatement", "rest": [
                  {"mode": "client", "resource": [{"type": "Account", "interaction": [{"code": "create"}]}]},
                  {"mode": "server", "resource": [
                    {"type": "Patient", "interaction": [{"code": "read"}, {"code": "create"}]},
                    {"type": "Bundle"},
                    {"type": "AuditEvent", "interaction": [{"code": "read"}, {"code": "search-type"}]}]}]}""";
        assertEquals(Set.of("Patient", "Bundle"), CreatableTypes.of(MAPPER.readTree(capabilities)));
        assertEquals(Set.of(), CreatableTypes.of(MAPPER.readTree("{\"resourceType\": \"CapabilityStatement\"}")));
    }

    @Test
    void theyAgreeOnTheSameVerdictAndNeverWithoutOne() {
        ServerVerdict stored = ServerVerdict.ofCreate(201, "", MAPPER);
        ServerVerdict refused = ServerVerdict.ofCreate(422, REFUSAL, MAPPER);
        ServerVerdict crashed = ServerVerdict.ofCreate(500, "", MAPPER);
        assertTrue(comparison(VALID, stored).agrees());
        assertTrue(comparison(INVALID, refused).agrees());
        assertFalse(comparison(VALID, refused).agrees());
        assertFalse(comparison(INVALID, stored).agrees());
        assertFalse(comparison(ServerVerdict.of(500, "", MAPPER), crashed).agrees(), "two failures are no agreement");
        CreateComparison skipped = CreateComparison.skipped("c", "Parameters", "the server cannot create Parameters");
        assertFalse(skipped.compared());
        assertFalse(skipped.agrees());
    }

    @Test
    void aDisagreementShowsBothAnswers() {
        CreateComparison result = new CreateComparison("pat-bad", "Patient", VALID,
                ServerVerdict.ofCreate(422, REFUSAL, MAPPER), List.of("ValueSet/vs: HTTP 422 no"), "", "");
        assertEquals("pat-bad (Patient): $validate valid (HTTP 200); create invalid (HTTP 422) "
                + "Patient.name: minimum required = 1 @ Patient | not loaded: ValueSet/vs: HTTP 422 no", result.describe());
    }

    @Test
    void theSummaryCountsEachWayAndEndsWithTheFigure() {
        ServerVerdict stored = ServerVerdict.ofCreate(201, "", MAPPER);
        ServerVerdict refused = ServerVerdict.ofCreate(422, REFUSAL, MAPPER);
        List<CreateComparison> results = List.of(
                new CreateComparison("a", "Patient", VALID, stored, List.of(), "Patient/1 deleted", ""),
                new CreateComparison("b", "Patient", VALID, refused, List.of(), "", ""),
                new CreateComparison("c", "Patient", INVALID, stored, List.of(), "Patient/2 not deleted: HTTP 409", ""),
                new CreateComparison("d", "Patient", INVALID, ServerVerdict.ofCreate(500, "", MAPPER), List.of(), "", ""),
                CreateComparison.skipped("e", "", "names no resource type"),
                CreateComparison.skipped("f", "Parameters", "the server cannot create Parameters"));
        assertEquals(List.of(
                "disagreements: 1 create refused what $validate found valid, 1 create stored what $validate found invalid, "
                        + "1 without a verdict on one side (5xx, no answer)",
                "2 cases skipped: 1 names no resource type, 1 the server cannot create Parameters",
                "1 created resources could not be deleted (see the cleanup column)",
                "1 of 4 cases: $validate and create agree"), CreateComparisonReport.lines(results));
    }

    @Test
    void csvRowsKeepSkippedCasesWithTheirReason() {
        assertEquals(CreateComparisonCsv.HEADER.size(),
                CreateComparisonCsv.fields(CreateComparison.skipped("e", "", "names no resource type")).size());
        List<String> row = CreateComparisonCsv.fields(new CreateComparison("b", "Patient", VALID,
                ServerVerdict.ofCreate(422, REFUSAL, MAPPER), List.of(), "", ""));
        assertEquals(List.of("b", "Patient", "valid", "200", "", "invalid", "422",
                "Patient.name: minimum required = 1 @ Patient", "false", "", "", ""), row);
    }

    private static CreateComparison comparison(ServerVerdict validate, ServerVerdict create) {
        return new CreateComparison("c", "Patient", validate, create, List.of(), "", "");
    }
}
