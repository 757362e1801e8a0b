package org.releasedpn.fhir.study.ctgov;

import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The registry's {@code armGroups[].type} and the research-study-arm-type code of the arm. The
 * registry's OTHER has no code there and is kept as text only.
 */
enum ArmGroupType {
    EXPERIMENTAL("experimental", "Experimental"),
    ACTIVE_COMPARATOR("active-comparator", "Active Comparator"),
    PLACEBO_COMPARATOR("placebo-comparator", "Placebo Comparator"),
    SHAM_COMPARATOR("sham-comparator", "Sham Comparator"),
    NO_INTERVENTION("no-intervention", "No Intervention"),
    OTHER(null, "Other");

    static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-arm-type";

    private final String code;
    private final String display;

    ArmGroupType(String code, String display) {
        this.code = code;
        this.display = display;
    }

    /** The contract requires an arm type; a value the registry adds later is kept as its text. */
    static CodeableConcept fromRegistry(RegistryNode type) {
        return RegistryVocabulary.fromRegistry(ArmGroupType.class, type.requiredText(),
                value -> RegistryVocabulary.concept(SYSTEM, value.code, value.display));
    }
}
