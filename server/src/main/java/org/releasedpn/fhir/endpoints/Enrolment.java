package org.releasedpn.fhir.endpoints;

import java.time.LocalDate;

/**
 * A ResearchSubject of the trial as the search indexes hold it.
 *
 * @param start period.start, or null when the subject has none
 * @param arm   assignedArm, or null
 */
record Enrolment(long patientPid, String patientId, String status, LocalDate start, String arm) {
}
