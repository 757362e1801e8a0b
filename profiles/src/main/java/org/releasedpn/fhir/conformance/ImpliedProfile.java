package org.releasedpn.fhir.conformance;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IPrimitiveType;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;

/**
 * Which of the trial's profiles apply to a resource whether or not it declares them (contract
 * section 2). The server uses it to choose what an incoming resource is validated against, and the
 * package build uses it to check the examples the same way.
 */
public final class ImpliedProfile {

    private static final Set<String> CRP_LOINC_CODES = Set.of("1988-5", "30522-7");

    private ImpliedProfile() {
    }

    /**
     * The canonical URLs (without version) of the profiles implied by the resource's type and code;
     * empty for resources the trial does not profile (they are only checked against base R4).
     */
    public static Set<String> of(IBaseResource resource) {
        if (resource instanceof ResearchStudy) {
            return Set.of(TrialCanonicals.RESEARCH_STUDY_PROFILE);
        }
        if (resource instanceof ResearchSubject) {
            return Set.of(TrialCanonicals.RESEARCH_SUBJECT_PROFILE);
        }
        if (resource instanceof AdverseEvent) {
            return Set.of(TrialCanonicals.ADVERSE_EVENT_PROFILE);
        }
        if (resource instanceof Observation observation) {
            return ofObservation(observation.getCode());
        }
        if (resource instanceof Procedure procedure
                && hasCoding(procedure.getCode(), TrialCanonicals.INTERVENTION_SYSTEM, "huc-msc-injection")) {
            return Set.of(TrialCanonicals.MSC_ADMINISTRATION_PROFILE);
        }
        return Set.of();
    }

    /**
     * Every profile the resource must conform to: the ones it declares in meta.profile (as
     * declared) followed by the implied ones. A declared profile the server does not know is left
     * in, so that the validator rejects it.
     */
    public static Set<String> declaredAndImplied(IBaseResource resource) {
        Set<String> profiles = new LinkedHashSet<>();
        for (IPrimitiveType<String> declared : resource.getMeta().getProfile()) {
            if (declared.getValue() != null) {
                profiles.add(declared.getValue());
            }
        }
        profiles.addAll(of(resource));
        return Collections.unmodifiableSet(profiles);
    }

    // An Observation may carry several codings (e.g. a local code beside the trial's), so each row
    // of the table is checked independently and every match applies.
    private static Set<String> ofObservation(CodeableConcept code) {
        Set<String> profiles = new LinkedHashSet<>();
        if (hasCoding(code, TrialCanonicals.TCSS_SYSTEM, "total")) {
            profiles.add(TrialCanonicals.TCSS_PROFILE);
        }
        if (code.getCoding().stream().anyMatch(c -> TrialCanonicals.NERVE_CONDUCTION_SYSTEM.equals(c.getSystem()))) {
            profiles.add(TrialCanonicals.NERVE_CONDUCTION_PROFILE);
        }
        if (code.getCoding().stream().anyMatch(c -> TrialCanonicals.LOINC_SYSTEM.equals(c.getSystem())
                && CRP_LOINC_CODES.contains(c.getCode()))) {
            profiles.add(TrialCanonicals.CRP_PROFILE);
        }
        return Collections.unmodifiableSet(profiles);
    }

    private static boolean hasCoding(CodeableConcept concept, String system, String code) {
        return concept.getCoding().stream().anyMatch(c -> system.equals(c.getSystem()) && code.equals(c.getCode()));
    }
}
