package org.releasedpn.fhir.endpoints;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Contract section 7's analysis population: the randomised subjects (a status from on-study on, or
 * off-study after it; an assignedArm and a period.start) whose period.start lies in the report's period.
 */
final class AnalysisPopulation {
    static final Set<String> RANDOMISED_STATUSES =
            Set.of("on-study", "on-study-intervention", "on-study-observation", "follow-up", "off-study");

    private AnalysisPopulation() {
    }

    /** The population, ordered by Patient id (subject lists come out in a stable order). */
    static List<Subject> of(List<Enrolment> enrolments, ReportPeriod period) {
        return enrolments.stream()
                .filter(e -> RANDOMISED_STATUSES.contains(e.status()) && e.arm() != null && e.start() != null)
                .filter(e -> period.contains(e.start()))
                .map(e -> new Subject(e.patientPid(), e.patientId(), e.arm(), e.start()))
                .sorted(Comparator.comparing(Subject::patientId))
                .toList();
    }
}
