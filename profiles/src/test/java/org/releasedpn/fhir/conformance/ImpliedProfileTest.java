package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;

/** One test per row of contract section 2, and the resources no row covers. */
class ImpliedProfileTest {

    @Test
    void researchStudyAndSubjectAndAdverseEventAlwaysHaveTheirProfile() {
        assertEquals(Set.of(TrialCanonicals.RESEARCH_STUDY_PROFILE), ImpliedProfile.of(new ResearchStudy()));
        assertEquals(Set.of(TrialCanonicals.RESEARCH_SUBJECT_PROFILE), ImpliedProfile.of(new ResearchSubject()));
        assertEquals(Set.of(TrialCanonicals.ADVERSE_EVENT_PROFILE), ImpliedProfile.of(new AdverseEvent()));
    }

    @Test
    void tcssTotalImpliesTcssButATcssItemDoesNot() {
        assertEquals(Set.of(TrialCanonicals.TCSS_PROFILE), ImpliedProfile.of(observation(TrialCanonicals.TCSS_SYSTEM, "total")));
        assertEquals(Set.of(), ImpliedProfile.of(observation(TrialCanonicals.TCSS_SYSTEM, "reflex-knee-left")));
    }

    @Test
    void anyNerveConductionCodeImpliesNerveConduction() {
        for (String code : List.of("motor-cv", "sensory-cv", "amplitude")) {
            assertEquals(Set.of(TrialCanonicals.NERVE_CONDUCTION_PROFILE),
                    ImpliedProfile.of(observation(TrialCanonicals.NERVE_CONDUCTION_SYSTEM, code)), code);
        }
    }

    @Test
    void bothCrpLoincCodesImplyCrpButOtherLoincCodesDoNot() {
        assertEquals(Set.of(TrialCanonicals.CRP_PROFILE), ImpliedProfile.of(observation("http://loinc.org", "1988-5")));
        assertEquals(Set.of(TrialCanonicals.CRP_PROFILE), ImpliedProfile.of(observation("http://loinc.org", "30522-7")));
        assertEquals(Set.of(), ImpliedProfile.of(observation("http://loinc.org", "4548-4")));
        assertEquals(Set.of(), ImpliedProfile.of(observation("http://snomed.info/sct", "1988-5")));
    }

    @Test
    void mscInjectionImpliesMscAdministrationButConventionalTherapyDoesNot() {
        assertEquals(Set.of(TrialCanonicals.MSC_ADMINISTRATION_PROFILE),
                ImpliedProfile.of(procedure(TrialCanonicals.INTERVENTION_SYSTEM, "huc-msc-injection")));
        assertEquals(Set.of(), ImpliedProfile.of(procedure(TrialCanonicals.INTERVENTION_SYSTEM, "conventional-therapy")));
    }

    @Test
    void otherResourcesHaveNoImpliedProfile() {
        assertEquals(Set.of(), ImpliedProfile.of(new Patient()));
        assertEquals(Set.of(), ImpliedProfile.of(new Observation()));
    }

    @Test
    void declaredProfilesComeFirstAndImpliedOnesAreAdded() {
        Observation crp = observation("http://loinc.org", "1988-5");
        crp.getMeta().addProfile("http://example.org/StructureDefinition/hospital-lab");
        assertEquals(List.of("http://example.org/StructureDefinition/hospital-lab", TrialCanonicals.CRP_PROFILE),
                List.copyOf(ImpliedProfile.declaredAndImplied(crp)));
    }

    @Test
    void anObservationCodedTwiceGetsBothProfiles() {
        Observation both = observation(TrialCanonicals.TCSS_SYSTEM, "total");
        both.getCode().addCoding().setSystem("http://loinc.org").setCode("30522-7");
        Set<String> profiles = ImpliedProfile.of(both);
        assertTrue(profiles.contains(TrialCanonicals.TCSS_PROFILE) && profiles.contains(TrialCanonicals.CRP_PROFILE));
    }

    private static Observation observation(String system, String code) {
        Observation observation = new Observation();
        observation.getCode().addCoding().setSystem(system).setCode(code);
        return observation;
    }

    private static Procedure procedure(String system, String code) {
        Procedure procedure = new Procedure();
        procedure.getCode().addCoding().setSystem(system).setCode(code);
        return procedure;
    }
}
