package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * One group of an endpoint report before it is written as FHIR.
 *
 * @param code        the group's code; null: the Measure's group code
 * @param populations measure-population codes (initial-population, numerator …) to their members, in report order
 * @param changes     a continuous-variable endpoint's change per scored subject; empty for a proportion
 */
record EndpointGroup(CodeableConcept code, Map<String, Set<Subject>> populations, Map<Subject, BigDecimal> changes) {
}
