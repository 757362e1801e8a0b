package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExampleExpectationsTest {

    @Test
    void readsTheProjectsTableWithEveryRuleKeyOfSection4() {
        List<ExampleExpectation> rows = ExampleExpectations.read(Path.of("examples/expectations.csv"));
        List<String> keys = rows.stream().map(ExampleExpectation::ruleKey).filter(k -> !k.isEmpty()).distinct().sorted().toList();
        assertEquals(List.of("dpn-ae-1", "dpn-ae-2", "dpn-crp-1", "dpn-crp-2", "dpn-ncs-1", "dpn-ncs-2", "dpn-rs-1", "dpn-rs-2",
                "dpn-rs-3", "dpn-rs-4", "dpn-study-1", "dpn-study-nct", "dpn-tcss-1", "dpn-tcss-2", "dpn-tcss-3", "dpn-tcss-4"), keys);
        for (String profile : List.of("dpn-research-study", "dpn-research-subject", "dpn-tcss", "dpn-nerve-conduction", "dpn-crp",
                "dpn-adverse-event", "dpn-msc-administration")) {
            long valid = rows.stream().filter(r -> r.profile().equals(TrialCanonicals.profile(profile))
                    && r.outcome() == ExampleExpectation.Outcome.VALID).count();
            assertEquals(true, valid >= 3, profile + " has " + valid + " valid examples");
        }
    }

    @Test
    void parsesARow() {
        ExampleExpectation row = ExampleExpectations.parse(
                "invalid/dpn-tcss-3.json,http://x/StructureDefinition/dpn-tcss,invalid,dpn-tcss-3,Observation.component[4],profile", "t");
        assertEquals(ExampleExpectation.CheckedBy.PROFILE, row.checkedBy());
        assertEquals("Observation.component[4]", row.expression());
    }

    @Test
    void rejectsMalformedRows() {
        assertThrows(IllegalStateException.class, () -> ExampleExpectations.parse("a,b,valid,,", "t"));
        assertThrows(IllegalStateException.class, () -> ExampleExpectations.parse("a,b,maybe,,,profile", "t"));
        assertThrows(IllegalStateException.class, () -> ExampleExpectations.parse("a,b,invalid,,X,profile", "t"));
        assertThrows(IllegalStateException.class, () -> ExampleExpectations.parse("a,b,invalid,dpn-tcss-1,,profile", "t"));
    }
}
