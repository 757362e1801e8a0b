package org.releasedpn.fhir.bench.data;

import java.time.LocalDate;

/**
 * A planned trial participant before anything is sent: subject number (unique per run), the arm
 * they will be randomised to, and the dates that make them eligible (age 30–75 at period.start).
 *
 * @param screeningSeed seeds the screening TCSS, so it is the same whichever order concurrent
 *                      clients enrol subjects in
 */
public record StudySubject(String subjectNumber, StudyArm arm, String gender, LocalDate birthDate,
                           LocalDate periodStart, LocalDate screeningDate, long screeningSeed) {
}
