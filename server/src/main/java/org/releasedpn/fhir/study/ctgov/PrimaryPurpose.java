package org.releasedpn.fhir.study.ctgov;

import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The registry's {@code designModule.designInfo.primaryPurpose} and the R4
 * research-study-prim-purp-type code it becomes. The registry's ECT
 * (educational/counseling/training) and OTHER have no R4 code; they are kept as text, which the
 * element's extensible binding allows.
 */
enum PrimaryPurpose {
    TREATMENT("treatment", "Treatment"),
    PREVENTION("prevention", "Prevention"),
    DIAGNOSTIC("diagnostic", "Diagnostic"),
    SUPPORTIVE_CARE("supportive-care", "Supportive Care"),
    SCREENING("screening", "Screening"),
    HEALTH_SERVICES_RESEARCH("health-services-research", "Health Services Research"),
    BASIC_SCIENCE("basic-science", "Basic Science"),
    DEVICE_FEASIBILITY("device-feasibility", "Device Feasibility"),
    ECT(null, "Educational/Counseling/Training"),
    OTHER(null, "Other");

    static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type";

    private final String code;
    private final String display;

    PrimaryPurpose(String code, String display) {
        this.code = code;
        this.display = display;
    }

    /** A value the registry adds later is kept as its own text rather than refused. */
    static CodeableConcept fromRegistry(RegistryNode primaryPurpose) {
        return RegistryVocabulary.fromRegistry(PrimaryPurpose.class, primaryPurpose.requiredText(),
                value -> RegistryVocabulary.concept(SYSTEM, value.code, value.display));
    }
}
