package org.releasedpn.fhir.endpoints;

import java.time.LocalDate;

/** The period a report covers, both ends inclusive; a null end is open (a study still running). */
record ReportPeriod(LocalDate start, LocalDate end) {

    boolean contains(LocalDate date) {
        return (start == null || !date.isBefore(start)) && (end == null || !date.isAfter(end));
    }
}
