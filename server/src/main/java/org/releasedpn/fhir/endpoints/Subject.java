package org.releasedpn.fhir.endpoints;

import java.time.LocalDate;

/**
 * A randomised subject of the analysis population.
 *
 * @param patientPid the Patient's storage id (what the search indexes name)
 * @param patientId  the Patient's FHIR id, for subject lists
 * @param arm        the ResearchSubject's assignedArm
 * @param dayZero    the ResearchSubject's period.start, day 0 of every visit window
 */
record Subject(long patientPid, String patientId, String arm, LocalDate dayZero) {

    /** Days from day 0 to {@code date} (negative before). */
    long day(LocalDate date) {
        return java.time.temporal.ChronoUnit.DAYS.between(dayZero, date);
    }
}
