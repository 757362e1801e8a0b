package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Registry phase lists to R4 research-study-phase codes, through the whole mapper. */
class StudyPhaseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "[\"EARLY_PHASE1\"]       | early-phase-1 | Early Phase 1",
            "[\"PHASE1\"]             | phase-1       | Phase 1",
            "[\"PHASE1\",\"PHASE2\"]  | phase-1-phase-2 | Phase 1/Phase 2",
            "[\"PHASE2\",\"PHASE1\"]  | phase-1-phase-2 | Phase 1/Phase 2",
            "[\"PHASE2\"]             | phase-2       | Phase 2",
            "[\"PHASE2\",\"PHASE3\"]  | phase-2-phase-3 | Phase 2/Phase 3",
            "[\"PHASE3\"]             | phase-3       | Phase 3",
            "[\"PHASE4\"]             | phase-4       | Phase 4",
            "[\"NA\"]                 | n-a           | N/A",
            "[]                       | n-a           | N/A"
    })
    void mapsThePhaseList(String phases, String code, String display) {
        Coding phase = phaseOf(RegistryRecords.with("protocolSection.designModule.phases", phases));
        assertEquals(StudyPhase.SYSTEM, phase.getSystem());
        assertEquals(code, phase.getCode());
        assertEquals(display, phase.getDisplay());
    }

    @Test
    void aStudyWithoutPhasesIsNotApplicable() {
        assertEquals("n-a", phaseOf(RegistryRecords.without("protocolSection.designModule.phases")).getCode());
    }

    private static Coding phaseOf(com.fasterxml.jackson.databind.JsonNode record) {
        ResearchStudy study = RegistryRecords.researchStudyOf(record);
        return study.getPhase().getCodingFirstRep();
    }
}
