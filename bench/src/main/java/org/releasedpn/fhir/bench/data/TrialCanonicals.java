package org.releasedpn.fhir.bench.data;

/**
 * The public URLs and codes of the clinical data contract that generated resources use. They are
 * copied from the contract rather than shared with the server on purpose: the harness must stay a
 * client that only knows what an EHR integrator would know.
 */
public final class TrialCanonicals {
    public static final String BASE = "http://fhir.release-dpn.org";
    public static final String STUDY_REFERENCE = "ResearchStudy/release-dpn";
    public static final String STUDY_LINK_EXTENSION =
            "http://hl7.org/fhir/StructureDefinition/workflow-researchStudy";
    public static final String VISIT_EXTENSION = BASE + "/StructureDefinition/study-visit";
    public static final String LATERALITY_EXTENSION = BASE + "/StructureDefinition/laterality";
    public static final String CTCAE_GRADE_EXTENSION = BASE + "/StructureDefinition/ctcae-grade";
    public static final String SUBJECT_ID_SYSTEM = BASE + "/subject-id";

    public static final String STUDY_VISIT_SYSTEM = BASE + "/CodeSystem/study-visit";
    public static final String TCSS_SYSTEM = BASE + "/CodeSystem/tcss";
    public static final String TCSS_SEVERITY_SYSTEM = BASE + "/CodeSystem/tcss-severity";
    public static final String NERVE_CONDUCTION_SYSTEM = BASE + "/CodeSystem/nerve-conduction";
    public static final String NERVE_SYSTEM = BASE + "/CodeSystem/nerve";
    public static final String INTERVENTION_SYSTEM = BASE + "/CodeSystem/intervention";
    public static final String MSC_INJECTION_CODE = "huc-msc-injection";

    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String LOINC = "http://loinc.org";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String MEDDRA = "https://www.meddra.org";
    public static final String OBSERVATION_CATEGORY =
            "http://terminology.hl7.org/CodeSystem/observation-category";
    public static final String DATA_ABSENT_REASON =
            "http://terminology.hl7.org/CodeSystem/data-absent-reason";
    public static final String AE_SERIOUSNESS =
            "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";
    public static final String AE_SEVERITY =
            "http://terminology.hl7.org/CodeSystem/adverse-event-severity";
    public static final String AE_OUTCOME =
            "http://terminology.hl7.org/CodeSystem/adverse-event-outcome";

    private TrialCanonicals() {
    }
}
