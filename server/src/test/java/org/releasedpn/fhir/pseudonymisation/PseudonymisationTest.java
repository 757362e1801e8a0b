package org.releasedpn.fhir.pseudonymisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.ResourceMetadataKeyEnum;
import ca.uhn.fhir.model.valueset.BundleEntrySearchModeEnum;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/** The masking itself, on resources built here; what a client reads over HTTP is tested by PseudonymisedViewSuite. */
class PseudonymisationTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();
    private final Pseudonymisation pseudonymisation = new Pseudonymisation(R4, PseudonymisationRules.load(R4));

    @Test
    void theOriginalIsNeverChangedAndMaskingTwiceChangesNothingMore() {
        Patient stored = patient();
        String before = json(stored);

        Patient once = (Patient) pseudonymisation.apply(stored);
        Patient twice = (Patient) pseudonymisation.apply(once);

        assertEquals(before, json(stored));
        assertNotSame(stored, once);
        assertEquals(json(once), json(twice));
        assertEquals(1, once.getMeta().getSecurity().size());
    }

    @Test
    void directIdentifiersGoDatesKeepTheirYear() {
        Patient masked = (Patient) pseudonymisation.apply(patient());
        String json = json(masked);

        for (String identifying : new String[] {"Quillon", "MRN-4711", "555-0199", "Lotus", "Maiden", "birthTime", "1958-07"}) {
            assertFalse(json.contains(identifying), identifying + " in " + json);
        }
        assertEquals("1958", masked.getBirthDateElement().getValueAsString());
        assertEquals("2024", masked.getDeceasedDateTimeType().getValueAsString());
        assertEquals("female", masked.getGender().toCode());
        assertEquals("PSEUDED", masked.getMeta().getSecurityFirstRep().getCode());
    }

    @Test
    void identifiersOtherThanTheSubjectNumberGoFromEveryResourceAndEveryReference() {
        ResearchSubject subject = new ResearchSubject();
        subject.addIdentifier().setSystem("http://fhir.release-dpn.org/subject-id").setValue("S-0042");
        subject.addIdentifier().setSystem("https://hospital.example.org/mrn").setValue("MRN-4711");
        subject.setIndividual(new Reference("Patient/p1").setDisplay("Quillon Zzyzx"));
        subject.getIndividual().getIdentifier().setSystem("https://hospital.example.org/mrn").setValue("MRN-4711");

        ResearchSubject masked = (ResearchSubject) pseudonymisation.apply(subject);

        assertEquals(1, masked.getIdentifier().size());
        assertEquals("S-0042", masked.getIdentifierFirstRep().getValue());
        assertEquals("Patient/p1", masked.getIndividual().getReference());
        assertFalse(masked.getIndividual().hasDisplay() || masked.getIndividual().hasIdentifier(), json(masked));
    }

    @Test
    void notesNarrativesAndResourcesInsideResourcesAreMaskedClinicalDatesStay() {
        Observation observation = new Observation();
        observation.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Quillon Zzyzx</div>");
        observation.addNote().setText("called Quillon at home");
        observation.setEffective(new DateTimeType("2025-03-04T09:00:00+08:00"));
        observation.addContained(patient().setId("p"));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setResource(observation);

        String json = json(pseudonymisation.apply(bundle));

        assertFalse(json.contains("Quillon") || json.contains("MRN-4711") || json.contains("\"note\""), json);
        assertTrue(json.contains("2025-03-04T09:00:00+08:00"), json);
    }

    @Test
    void definitionsStayAsTheyAre() {
        ValueSet valueSet = new ValueSet();
        valueSet.addIdentifier().setSystem("urn:ietf:rfc:3986").setValue("urn:oid:1.2.3");

        assertSame(valueSet, pseudonymisation.apply(valueSet));
    }

    @Test
    void theCopyKeepsWhatHapiNeedsToBuildTheAnswer() {
        Patient included = patient();
        ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.put(included, BundleEntrySearchModeEnum.INCLUDE);

        Patient masked = (Patient) pseudonymisation.apply(included);

        assertEquals(BundleEntrySearchModeEnum.INCLUDE, ResourceMetadataKeyEnum.ENTRY_SEARCH_MODE.get(masked));
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.setId("Patient/p1/_history/3");
        patient.getText().setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">Quillon Zzyzx, MRN-4711</div>");
        patient.addIdentifier().setSystem("https://hospital.example.org/mrn").setValue("MRN-4711");
        patient.addName(new HumanName().setFamily("Zzyzx").addGiven("Quillon"));
        patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue("+86 555-0199");
        patient.addAddress().addLine("12 Lotus Street").setCity("Xianyang");
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        patient.getBirthDateElement().setValueAsString("1958-07-23");
        patient.getBirthDateElement().addExtension("http://hl7.org/fhir/StructureDefinition/patient-birthTime",
                new DateTimeType("1958-07-23T04:12:00+08:00"));
        patient.addExtension("http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName", new StringType("x"));
        patient.getExtension().get(0).setValue(new HumanName().setFamily("Maiden"));
        patient.setDeceased(new DateTimeType("2024-11-02"));
        patient.addContact().addTelecom().setValue("555-0199");
        return patient;
    }

    private static String json(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        return R4.newJsonParser().encodeResourceToString(resource);
    }
}
