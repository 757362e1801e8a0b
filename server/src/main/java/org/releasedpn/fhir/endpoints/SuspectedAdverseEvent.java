package org.releasedpn.fhir.endpoints;

import java.time.LocalDate;
import java.util.Set;

/**
 * An AdverseEvent of the trial that names at least one hUC-MSC administration as a suspect entity.
 *
 * @param mscAdministrations the FHIR ids of the hUC-MSC administrations (Procedures) it names
 */
record SuspectedAdverseEvent(long resourcePid, long patientPid, LocalDate date, Set<String> mscAdministrations) {
}
