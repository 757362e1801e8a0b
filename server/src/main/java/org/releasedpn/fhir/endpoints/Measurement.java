package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One Observation as the search indexes hold it.
 *
 * @param resourcePid the Observation's storage id (orders Observations of the same instant)
 * @param patientPid  its subject
 * @param date        the calendar date of effectiveDateTime as written (the visit windows count days)
 * @param instant     effectiveDateTime as an instant, to order Observations of one day
 * @param value       valueQuantity in the endpoint's unit; null for a no-response (dataAbsentReason)
 * @param visit       the study-visit tag's code, or null when untagged
 * @param site        the nerve and side of a nerve conduction study, else null
 */
record Measurement(long resourcePid, long patientPid, LocalDate date, long instant, BigDecimal value,
                   String visit, NerveSite site) {

    boolean noResponse() {
        return value == null;
    }
}
