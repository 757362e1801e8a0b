package org.releasedpn.fhir.bench.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Places visits on the calendar. Everything is dated no later than yesterday, because the server
 * rejects clinical dates in the future (dpn-date-1) and "today" in another time zone may be tomorrow.
 */
final class VisitCalendar {
    /** The registry start date of RELEASE-DPN; subjects are enrolled from then on. */
    static final LocalDate STUDY_START = LocalDate.of(2025, 10, 1);
    /** The trial sites are in China; clinical times carry their offset, as an EHR there would send. */
    private static final ZoneOffset SITE_OFFSET = ZoneOffset.ofHours(8);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;
    /** The latest period.start leaves room for all three injection visits before yesterday. */
    private static final int DAYS_NEEDED_AFTER_START = StudyVisit.DAY_28.nominalDay() + 1;

    private final LocalDate lastAllowedDay;

    VisitCalendar(LocalDate today) {
        this.lastAllowedDay = today.minusDays(1);
    }

    LocalDate lastAllowedDay() {
        return lastAllowedDay;
    }

    LocalDate choosePeriodStart(Random random) {
        LocalDate latest = lastAllowedDay.minusDays(DAYS_NEEDED_AFTER_START);
        LocalDate earliest = STUDY_START.isBefore(latest.minusDays(30)) ? STUDY_START : latest.minusDays(365);
        if (earliest.isBefore(latest.minusDays(730))) {
            earliest = latest.minusDays(730);
        }
        long span = ChronoUnit.DAYS.between(earliest, latest);
        return earliest.plusDays(random.nextLong(span + 1));
    }

    /** The on-study visits that have already happened for this subject, in visit order. */
    List<StudyVisit> visitsHeld(StudySubject subject) {
        List<StudyVisit> held = new ArrayList<>();
        for (StudyVisit visit : StudyVisit.values()) {
            if (visit.isScheduledOnStudy()
                    && !subject.periodStart().plusDays(visit.nominalDay()).isAfter(lastAllowedDay)) {
                held.add(visit);
            }
        }
        held.add(StudyVisit.UNSCHEDULED);
        return held;
    }

    LocalDate dateOf(StudySubject subject, StudyVisit visit, Random random) {
        LocalDate start = subject.periodStart();
        LocalDate date = switch (visit) {
            case SCREENING -> subject.screeningDate();
            case DAY_0, DAY_7, DAY_28 -> start.plusDays(visit.nominalDay());
            // Later visits have a visit window of a few days either side.
            case WEEK_12, WEEK_24, WEEK_52, WEEK_104 -> start.plusDays(visit.nominalDay() + random.nextInt(-3, 4));
            case UNSCHEDULED -> start.plusDays(1 + random.nextLong(
                    Math.max(1, ChronoUnit.DAYS.between(start, lastAllowedDay))));
        };
        return latestOf(start.isAfter(date) && visit != StudyVisit.SCREENING ? start : date);
    }

    /** Moves a date back to yesterday when it would fall after it. */
    LocalDate latestOf(LocalDate date) {
        return date.isAfter(lastAllowedDay) ? lastAllowedDay : date;
    }

    /** A clinic-hours time on the given day at the site's offset. */
    String dateTime(LocalDate date, Random random) {
        LocalDateTime time = date.atTime(8 + random.nextInt(9), random.nextInt(12) * 5);
        return time.atOffset(SITE_OFFSET).format(DATE_TIME);
    }
}
