package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudyIdsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "RELEASE-DPN, release-dpn",
            "Release DPN, release-dpn",
            "  --ACCORD 2--, accord-2",
            "SPRINT_MIND, sprint-mind",
            "试验, nct07183761",
            "A-VERY-LONG-ACRONYM-THAT-NOBODY-COULD-EVER-SAY, nct07183761"
    })
    void studyIdIsTheAcronymSlugElseTheNctNumber(String acronym, String studyId) {
        assertEquals(studyId, StudyIds.of(Optional.of(acronym), "NCT07183761").study());
    }

    @Test
    void dependentIdsDeriveFromTheStudyId() {
        StudyIds ids = StudyIds.of(Optional.empty(), "NCT07183761");
        assertEquals("nct07183761", ids.study());
        assertEquals("nct07183761-enrolment", ids.enrolment());
        assertEquals("nct07183761-sponsor", ids.sponsor());
        assertEquals("nct07183761-site-2", ids.site(2));
        assertEquals("nct07183761-arm-1", ids.armPlan(1));
    }
}
