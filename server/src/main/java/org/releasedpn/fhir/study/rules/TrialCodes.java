package org.releasedpn.fhir.study.rules;

import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.releasedpn.fhir.conformance.ImpliedProfile;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * How the rules recognise the trial's resources: by the profile they conform to (contract
 * section 2), decided by {@link ImpliedProfile} as for validation.
 */
final class TrialCodes {
    static final String MSC_INJECTION = "huc-msc-injection";
    static final String EXPERIMENTAL_ARM = "Experimental group";

    private TrialCodes() {
    }

    static boolean isTcssTotal(Observation observation) {
        return ImpliedProfile.of(observation).contains(TrialCanonicals.TCSS_PROFILE);
    }

    static boolean isMscAdministration(Procedure procedure) {
        return ImpliedProfile.declaredAndImplied(procedure).stream()
                .anyMatch(profile -> profile.startsWith(TrialCanonicals.MSC_ADMINISTRATION_PROFILE));
    }
}
