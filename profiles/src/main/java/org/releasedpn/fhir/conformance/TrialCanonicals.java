package org.releasedpn.fhir.conformance;

/**
 * The canonical URLs of the clinical data contract (sections 1 and 2). They are a public interface:
 * EHR integrations send them, so they are spelled once, here, and never renamed.
 */
public final class TrialCanonicals {

    public static final String BASE = "http://fhir.release-dpn.org";
    public static final String PACKAGE_NAME = "org.release-dpn.fhir";
    public static final String FHIR_VERSION = "4.0.1";

    public static final String RESEARCH_STUDY_PROFILE = profile("dpn-research-study");
    public static final String RESEARCH_SUBJECT_PROFILE = profile("dpn-research-subject");
    public static final String TCSS_PROFILE = profile("dpn-tcss");
    public static final String NERVE_CONDUCTION_PROFILE = profile("dpn-nerve-conduction");
    public static final String CRP_PROFILE = profile("dpn-crp");
    public static final String ADVERSE_EVENT_PROFILE = profile("dpn-adverse-event");
    public static final String MSC_ADMINISTRATION_PROFILE = profile("dpn-msc-administration");

    public static final String TCSS_SYSTEM = codeSystem("tcss");
    public static final String NERVE_CONDUCTION_SYSTEM = codeSystem("nerve-conduction");
    public static final String INTERVENTION_SYSTEM = codeSystem("intervention");
    public static final String STUDY_VISIT_SYSTEM = codeSystem("study-visit");
    public static final String LOINC_SYSTEM = "http://loinc.org";

    /** R4 core extension that links an Observation or Procedure to its trial. */
    public static final String STUDY_LINK_EXTENSION = "http://hl7.org/fhir/StructureDefinition/workflow-researchStudy";
    public static final String STUDY_VISIT_EXTENSION = profile("study-visit");

    private TrialCanonicals() {
    }

    /** Whether a canonical URL (with or without |version) is in the trial's namespace. */
    public static boolean isTrialCanonical(String canonical) {
        return canonical.startsWith(BASE + "/");
    }

    public static String profile(String id) {
        return BASE + "/StructureDefinition/" + id;
    }

    public static String codeSystem(String id) {
        return BASE + "/CodeSystem/" + id;
    }
}
