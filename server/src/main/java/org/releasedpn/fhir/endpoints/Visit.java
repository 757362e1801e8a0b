package org.releasedpn.fhir.endpoints;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The protocol visits an endpoint compares, and how a visit's value is chosen (contract section 7):
 * the Observation tagged with the visit; without one, an untagged Observation whose date falls in
 * the visit's window, counted in days from day 0. Observations tagged with another visit never
 * stand in for this one.
 */
enum Visit {
    /** −14..0 days, the latest one. */
    DAY_0("day-0", -14, 0, 0),
    /** 168 ± 14 days, the one closest to day 168; a tie goes to the earlier. */
    WEEK_24("week-24", 154, 182, 168);

    /** A baseline without a day-0 value: the latest screening value within 60 days before day 0. */
    static final int SCREENING_DAYS = 60;
    static final String SCREENING = "screening";

    private static final Comparator<Measurement> EARLIEST = Comparator.comparing(Measurement::date)
            .thenComparingLong(Measurement::instant).thenComparingLong(Measurement::resourcePid);

    private final String code;
    private final int firstDay;
    private final int lastDay;
    private final int targetDay;

    Visit(String code, int firstDay, int lastDay, int targetDay) {
        this.code = code;
        this.firstDay = firstDay;
        this.lastDay = lastDay;
        this.targetDay = targetDay;
    }

    /** This visit's Observation among one subject's, if any. */
    Optional<Measurement> of(Subject subject, Collection<Measurement> measurements) {
        List<Measurement> tagged = measurements.stream().filter(m -> code.equals(m.visit())).toList();
        List<Measurement> candidates = !tagged.isEmpty() ? tagged : measurements.stream()
                .filter(m -> m.visit() == null)
                .filter(m -> subject.day(m.date()) >= firstDay && subject.day(m.date()) <= lastDay)
                .toList();
        return candidates.stream().min(preferred(subject));
    }

    /** The day-0 value; without one, the latest screening (or untagged) value from day −60 to day 0. */
    static Optional<Measurement> baseline(Subject subject, Collection<Measurement> measurements) {
        return DAY_0.of(subject, measurements).or(() -> measurements.stream()
                .filter(m -> m.visit() == null || SCREENING.equals(m.visit()))
                .filter(m -> subject.day(m.date()) >= -SCREENING_DAYS && subject.day(m.date()) <= 0)
                .max(EARLIEST));
    }

    /** Smallest first: day 0 wants the latest, the others the closest to their target day, earlier first. */
    private Comparator<Measurement> preferred(Subject subject) {
        if (this == DAY_0) {
            return EARLIEST.reversed();
        }
        return Comparator.<Measurement>comparingLong(m -> Math.abs(subject.day(m.date()) - targetDay))
                .thenComparing(EARLIEST);
    }
}
