package org.releasedpn.fhir.study.ctgov;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.util.Optional;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * A registry date ({@code YYYY-MM-DD}, or the partial {@code YYYY-MM} the registry uses for
 * estimated dates, or {@code YYYY}) as a FHIR dateTime of the same precision: a month stays a
 * month, it is not invented into the first day of it.
 */
final class RegistryDate {

    private RegistryDate() {}

    static Optional<DateTimeType> of(RegistryNode date) {
        return date.text().map(text -> parse(date, text));
    }

    private static DateTimeType parse(RegistryNode date, String text) {
        try {
            switch (text.length()) {
                case 4 -> Year.parse(text);
                case 7 -> YearMonth.parse(text);
                case 10 -> LocalDate.parse(text);
                default -> throw new DateTimeException("unexpected length");
            }
        } catch (DateTimeException e) {
            throw date.invalid("is '" + text + "', not a date as YYYY-MM-DD, YYYY-MM or YYYY");
        }
        return new DateTimeType(text);
    }
}
