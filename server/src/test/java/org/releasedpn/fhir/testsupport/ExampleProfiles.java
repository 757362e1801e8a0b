package org.releasedpn.fhir.testsupport;

import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.StructureDefinition;

/** Profiles of an integrator's own guide: differentials only, as profile authors write them. */
public final class ExampleProfiles {
    private ExampleProfiles() {
    }

    /** A Patient profile that requires birthDate, at {@code http://example.org/fhir/StructureDefinition/<id>}. */
    public static StructureDefinition birthDateRequired(String id) {
        StructureDefinition profile = new StructureDefinition();
        profile.setId(id);
        profile.setUrl("http://example.org/fhir/StructureDefinition/" + id).setName("BirthDateRequired")
                .setStatus(PublicationStatus.ACTIVE).setFhirVersion(org.hl7.fhir.r4.model.Enumerations.FHIRVersion._4_0_1)
                .setKind(StructureDefinition.StructureDefinitionKind.RESOURCE).setAbstract(false).setType("Patient")
                .setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Patient")
                .setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        profile.getDifferential().addElement().setPath("Patient").setId("Patient");
        profile.getDifferential().addElement().setPath("Patient.birthDate").setMin(1).setId("Patient.birthDate");
        return profile;
    }
}
