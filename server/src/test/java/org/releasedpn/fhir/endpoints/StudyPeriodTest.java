package org.releasedpn.fhir.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.api.Test;

/** The report's default period from the study's: a registry date may be a month or a year only. */
class StudyPeriodTest {

    @Test
    void aDayIsThatDay() {
        assertEquals(LocalDate.parse("2025-10-01"), EvaluateMeasureOperation.studyDate(new DateTimeType("2025-10-01"), false));
        assertEquals(LocalDate.parse("2025-10-01"), EvaluateMeasureOperation.studyDate(new DateTimeType("2025-10-01"), true));
        assertEquals(LocalDate.parse("2025-10-01"),
                EvaluateMeasureOperation.studyDate(new DateTimeType("2025-10-01T22:30:00+08:00"), false));
    }

    @Test
    void aMonthStartsOnItsFirstDayAndEndsOnItsLast() {
        assertEquals(LocalDate.parse("2025-10-01"), EvaluateMeasureOperation.studyDate(new DateTimeType("2025-10"), false));
        assertEquals(LocalDate.parse("2025-10-31"), EvaluateMeasureOperation.studyDate(new DateTimeType("2025-10"), true));
        assertEquals(LocalDate.parse("2028-02-29"), EvaluateMeasureOperation.studyDate(new DateTimeType("2028-02"), true));
    }

    @Test
    void aYearStartsOnJanuaryFirstAndEndsOnDecemberThirtyFirst() {
        assertEquals(LocalDate.parse("2027-01-01"), EvaluateMeasureOperation.studyDate(new DateTimeType("2027"), false));
        assertEquals(LocalDate.parse("2027-12-31"), EvaluateMeasureOperation.studyDate(new DateTimeType("2027"), true));
    }

    @Test
    void noDateIsAnOpenEnd() {
        assertNull(EvaluateMeasureOperation.studyDate(new DateTimeType(), true));
        assertNull(EvaluateMeasureOperation.studyDate(null, false));
    }
}
