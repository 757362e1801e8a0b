package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Coding;

/**
 * What an endpoint measures: the Observation codes that carry it, and the UCUM units it accepts
 * with the factor that brings each to the endpoint's unit (CRP in mg/dL × 10 = mg/L).
 *
 * @param unit  the endpoint's UCUM unit
 * @param bySite one group per nerve and side (nerve conduction)
 */
record ObservedValue(List<Coding> codes, String unit, Map<String, BigDecimal> factors, boolean bySite) {
    static final String UCUM = "http://unitsofmeasure.org";

    /** The value in the endpoint's unit; null when the unit is none the endpoint accepts. */
    BigDecimal normalised(double value, String unitCode) {
        BigDecimal factor = factors.get(unitCode);
        return factor == null ? null : BigDecimal.valueOf(value).multiply(factor);
    }
}
