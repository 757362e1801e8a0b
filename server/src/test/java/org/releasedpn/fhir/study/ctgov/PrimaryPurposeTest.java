package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimaryPurposeTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "-", value = {
            "TREATMENT, treatment, Treatment",
            "PREVENTION, prevention, Prevention",
            "DIAGNOSTIC, diagnostic, Diagnostic",
            "SUPPORTIVE_CARE, supportive-care, Supportive Care",
            "SCREENING, screening, Screening",
            "HEALTH_SERVICES_RESEARCH, health-services-research, Health Services Research",
            "BASIC_SCIENCE, basic-science, Basic Science",
            "DEVICE_FEASIBILITY, device-feasibility, Device Feasibility",
            "ECT, -, Educational/Counseling/Training",
            "OTHER, -, Other",
            "SOMETHING_NEW, -, SOMETHING_NEW"
    })
    void mapsThePrimaryPurpose(String registered, String code, String text) {
        var record = RegistryRecords.with("protocolSection.designModule.designInfo.primaryPurpose", "\"" + registered + "\"");
        CodeableConcept purpose = RegistryRecords.researchStudyOf(record).getPrimaryPurposeType();
        assertEquals(text, purpose.getText());
        if (code == null) {
            assertEquals(0, purpose.getCoding().size());
        } else {
            CtgovStudyMapperTest.assertCoding(purpose, PrimaryPurpose.SYSTEM, code);
        }
    }
}
