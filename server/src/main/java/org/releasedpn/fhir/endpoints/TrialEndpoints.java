package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Coding;

/**
 * The trial's endpoint Measures (profiles/Measure-*.json) and what each computes, by canonical URL.
 * The Measures describe the endpoints for readers; these definitions are their evaluation.
 */
public final class TrialEndpoints {
    private static final String MEASURE = "http://fhir.release-dpn.org/Measure/";
    private static final String LOINC = "http://loinc.org";
    private static final BigDecimal ONE = BigDecimal.ONE;

    private TrialEndpoints() {
    }

    public static Map<String, TrialEndpoint> ofTheContract() {
        return Map.of(
                MEASURE + "dpn-tcss-change-week-24", new ChangeFromBaseline(new ObservedValue(
                        List.of(new Coding("http://fhir.release-dpn.org/CodeSystem/tcss", "total", null)),
                        "{score}", Map.of("{score}", ONE), false), false),
                MEASURE + "dpn-ncv-change-week-24", new ChangeFromBaseline(new ObservedValue(
                        List.of(new Coding("http://fhir.release-dpn.org/CodeSystem/nerve-conduction", "motor-cv", null)),
                        "m/s", Map.of("m/s", ONE), true), true),
                MEASURE + "dpn-crp-change-week-24", new ChangeFromBaseline(new ObservedValue(
                        List.of(new Coding(LOINC, "1988-5", null), new Coding(LOINC, "30522-7", null)),
                        "mg/L", Map.of("mg/L", ONE, "mg/dL", BigDecimal.TEN), false), false),
                MEASURE + "dpn-msc-related-ae", new MscAdverseEvents(Set.of("Certain", "Probably-Likely", "Possible")),
                MEASURE + "dpn-msc-adverse-reaction", new MscAdverseEvents(Set.of("Certain", "Probably-Likely")));
    }
}
