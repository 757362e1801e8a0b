package org.releasedpn.fhir.study.ctgov;

import java.util.Arrays;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyStatus;

/**
 * The registry's {@code statusModule.overallStatus} and the ResearchStudy status it becomes:
 * the mapping table of the data contract (section 4.1), row for row.
 */
enum OverallStatus {
    NOT_YET_RECRUITING(ResearchStudyStatus.APPROVED),
    RECRUITING(ResearchStudyStatus.ACTIVE),
    ENROLLING_BY_INVITATION(ResearchStudyStatus.ACTIVE),
    ACTIVE_NOT_RECRUITING(ResearchStudyStatus.CLOSEDTOACCRUAL),
    SUSPENDED(ResearchStudyStatus.TEMPORARILYCLOSEDTOACCRUAL),
    TERMINATED(ResearchStudyStatus.ADMINISTRATIVELYCOMPLETED),
    COMPLETED(ResearchStudyStatus.COMPLETED),
    WITHDRAWN(ResearchStudyStatus.WITHDRAWN);

    private final ResearchStudyStatus researchStudyStatus;

    OverallStatus(ResearchStudyStatus researchStudyStatus) {
        this.researchStudyStatus = researchStudyStatus;
    }

    /**
     * The contract maps every other registry value (UNKNOWN, WITHHELD, the expanded-access
     * statuses, values the registry adds later) to {@code in-review} rather than refusing it.
     */
    static ResearchStudyStatus toResearchStudyStatus(String registryValue) {
        return Arrays.stream(values())
                .filter(status -> status.name().equals(registryValue))
                .map(status -> status.researchStudyStatus)
                .findFirst()
                .orElse(ResearchStudyStatus.INREVIEW);
    }
}
