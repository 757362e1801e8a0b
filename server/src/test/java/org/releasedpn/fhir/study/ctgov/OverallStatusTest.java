package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hl7.fhir.r4.model.ResearchStudy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The contract's registry status table (4.1), row for row, through the whole mapper. */
class OverallStatusTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "NOT_YET_RECRUITING, approved",
            "RECRUITING, active",
            "ENROLLING_BY_INVITATION, active",
            "ACTIVE_NOT_RECRUITING, closed-to-accrual",
            "SUSPENDED, temporarily-closed-to-accrual",
            "TERMINATED, administratively-completed",
            "COMPLETED, completed",
            "WITHDRAWN, withdrawn",
            // anything else -> in-review
            "UNKNOWN, in-review",
            "WITHHELD, in-review",
            "AVAILABLE, in-review",
            "NO_LONGER_AVAILABLE, in-review",
            "TEMPORARILY_NOT_AVAILABLE, in-review",
            "APPROVED_FOR_MARKETING, in-review",
            "recruiting, in-review"
    })
    void mapsTheRegistryStatusByTheContractTable(String overallStatus, String researchStudyStatus) {
        var record = RegistryRecords.with("protocolSection.statusModule.overallStatus", "\"" + overallStatus + "\"");
        ResearchStudy study = RegistryRecords.researchStudyOf(record);
        assertEquals(researchStudyStatus, study.getStatus().toCode());
    }
}
