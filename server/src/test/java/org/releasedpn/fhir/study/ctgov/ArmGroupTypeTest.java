package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArmGroupTypeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "EXPERIMENTAL, experimental, Experimental",
            "ACTIVE_COMPARATOR, active-comparator, Active Comparator",
            "PLACEBO_COMPARATOR, placebo-comparator, Placebo Comparator",
            "SHAM_COMPARATOR, sham-comparator, Sham Comparator",
            "NO_INTERVENTION, no-intervention, No Intervention",
            "OTHER, -, Other"
    })
    void mapsTheArmGroupType(String registered, String code, String text) {
        var record = RegistryRecords.with(
                "protocolSection.armsInterventionsModule.armGroups[1].type", "\"" + registered + "\"");
        ResearchStudy study = RegistryRecords.researchStudyOf(record);
        CodeableConcept type = study.getArm().get(1).getType();
        assertEquals(text, type.getText());
        if (code == null) {
            assertEquals(0, type.getCoding().size());
        } else {
            CtgovStudyMapperTest.assertCoding(type, ArmGroupType.SYSTEM, code);
        }
    }
}
