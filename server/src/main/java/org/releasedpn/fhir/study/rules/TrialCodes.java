package org.releasedpn.fhir.study.rules;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;

/** The trial's codes the rules recognise resources by (contract sections 1, 4.3, 4.7). */
final class TrialCodes {
    static final String TCSS_SYSTEM = "http://fhir.release-dpn.org/CodeSystem/tcss";
    static final String INTERVENTION_SYSTEM = "http://fhir.release-dpn.org/CodeSystem/intervention";
    static final String MSC_INJECTION = "huc-msc-injection";
    static final String MSC_PROFILE = "http://fhir.release-dpn.org/StructureDefinition/dpn-msc-administration";
    static final String EXPERIMENTAL_ARM = "Experimental group";

    private TrialCodes() {
    }

    static boolean isTcssTotal(Observation observation) {
        return has(observation.getCode(), TCSS_SYSTEM, "total");
    }

    static boolean isMscAdministration(Procedure procedure) {
        return has(procedure.getCode(), INTERVENTION_SYSTEM, MSC_INJECTION)
                || procedure.getMeta().getProfile().stream().anyMatch(p -> p.getValue().startsWith(MSC_PROFILE));
    }

    private static boolean has(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
