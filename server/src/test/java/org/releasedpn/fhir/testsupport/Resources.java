package org.releasedpn.fhir.testsupport;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Small, valid base-R4 resources that are not trial resources (no trial codes, no trial profiles),
 * each made unique by the caller's name so that tests never see each other's data.
 */
public final class Resources {
    /** Identifier system for test patients. */
    public static final String PATIENT_IDS = "https://example.org/fhir-it/patient-id";
    public static final String LOINC = "http://loinc.org";
    public static final String HEART_RATE = "8867-4";

    private Resources() {
    }

    /** The search parameter {@code identifier=system|value} for a test patient, URL-encoded. */
    public static String identifierParam(String value) {
        return "identifier=" + URLEncoder.encode(PATIENT_IDS + "|" + value, StandardCharsets.UTF_8);
    }

    /** A name no other test uses: {@code prefix} plus a random suffix, usable as family name and identifier. */
    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static Patient patient(String family) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(PATIENT_IDS).setValue(family);
        patient.addName().setFamily(family).addGiven("Alex");
        patient.setGender(AdministrativeGender.OTHER);
        patient.setBirthDateElement(new DateType("1960-05-17"));
        return patient;
    }

    /** A heart-rate vital sign (LOINC 8867-4) of {@code subject}, e.g. "Patient/123" or "urn:uuid:...". */
    public static Observation heartRate(String subject, String effective, int beatsPerMinute) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "vital-signs", "Vital Signs")));
        observation.setCode(new CodeableConcept().addCoding(new Coding(LOINC, HEART_RATE, "Heart rate")));
        observation.setSubject(new Reference(subject));
        observation.setEffective(new DateTimeType(effective));
        observation.setValue(new Quantity().setValue(beatsPerMinute).setUnit("beats/minute")
                .setSystem("http://unitsofmeasure.org").setCode("/min"));
        return observation;
    }

    public static Encounter encounter(String subject) {
        Encounter encounter = new Encounter();
        encounter.setStatus(Encounter.EncounterStatus.FINISHED);
        encounter.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"));
        encounter.setSubject(new Reference(subject));
        encounter.getPeriod().setStartElement(new DateTimeType("2024-03-01T09:00:00+01:00"));
        return encounter;
    }

    public static Organization organization(String name) {
        Organization organization = new Organization();
        organization.addIdentifier().setSystem("https://example.org/fhir-it/organization-id").setValue(name);
        organization.setActive(true);
        organization.setName(name);
        return organization;
    }

    public static Practitioner practitioner(String family) {
        Practitioner practitioner = new Practitioner();
        practitioner.addIdentifier().setSystem("https://example.org/fhir-it/practitioner-id").setValue(family);
        practitioner.addName().setFamily(family).addGiven("Robin");
        return practitioner;
    }

    /** The JSON of a valid Patient, written out by hand as a curl user would. */
    public static String patientJson(String family) {
        return """
                {"resourceType":"Patient",
                 "identifier":[{"system":"%s","value":"%s"}],
                 "name":[{"family":"%s","given":["Alex"]}],
                 "gender":"other","birthDate":"1960-05-17"}""".formatted(PATIENT_IDS, family, family);
    }

    public static String patientXml(String family) {
        return """
                <Patient xmlns="http://hl7.org/fhir">
                  <identifier><system value="%s"/><value value="%s"/></identifier>
                  <name><family value="%s"/><given value="Alex"/></name>
                  <gender value="other"/>
                  <birthDate value="1960-05-17"/>
                </Patient>""".formatted(PATIENT_IDS, family, family);
    }
}
