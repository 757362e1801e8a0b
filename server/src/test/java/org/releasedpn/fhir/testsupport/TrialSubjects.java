package org.releasedpn.fhir.testsupport;

import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.time.LocalDate;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;

/**
 * Trial participants set up the way the contract (section 5) expects them, with PUT at ids the
 * test chooses: a Patient (aged 55 unless told otherwise) with a Consent, a ResearchSubject in
 * {@code ResearchStudy/release-dpn}, and for an enrolled subject the screening TCSS total that
 * makes it eligible (dpn-rs-3) before it is moved to on-study with its arm.
 */
public final class TrialSubjects {
    public static final String STUDY = "ResearchStudy/release-dpn";
    public static final String SUBJECT_IDS = "http://fhir.release-dpn.org/subject-id";
    public static final String EXPERIMENTAL = "Experimental group";
    public static final String CONTROL = "Control group";
    public static final String TCSS = "http://fhir.release-dpn.org/CodeSystem/tcss";
    public static final String STUDY_LINK = "http://hl7.org/fhir/StructureDefinition/workflow-researchStudy";
    public static final String VISIT = "http://fhir.release-dpn.org/StructureDefinition/study-visit";
    public static final String VISITS = "http://fhir.release-dpn.org/CodeSystem/study-visit";
    public static final String ADULT_BIRTH_DATE = "1970-03-15";

    private final FhirEndpoint fhir;
    private final String[] headers;

    public TrialSubjects(FhirEndpoint fhir) {
        this(fhir, new String[0]);
    }

    /** @param headers sent with every request (name, value, …), e.g. a data manager's Authorization */
    public TrialSubjects(FhirEndpoint fhir, String... headers) {
        this.fhir = fhir;
        this.headers = headers.clone();
    }

    /** {@code Patient/[patientId]} born on {@code birthDate}, and its {@code Consent/[patientId]-consent}. */
    public void patient(String patientId, String birthDate) {
        Patient patient = new Patient();
        patient.setId(patientId);
        patient.addIdentifier().setSystem(Resources.PATIENT_IDS).setValue(patientId);
        patient.addName().setFamily(patientId).addGiven("Wei");
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(birthDate));
        patient(patient);
    }

    /** {@code patient} stored at its own id, and its {@code Consent/[id]-consent}. */
    public void patient(Patient patient) {
        put(patient);
        put(consent(patient.getIdElement().getIdPart()));
    }

    /** A ResearchSubject {@code ResearchSubject/[patientId]-screening} in status screening. */
    public String screening(String patientId) {
        ResearchSubject subject = screeningSubject(patientId);
        put(subject);
        return subject.getIdElement().getIdPart();
    }

    /** The ResearchSubject {@link #screening} stores, for a test that sends it itself. */
    public static ResearchSubject screeningSubject(String patientId) {
        ResearchSubject subject = new ResearchSubject();
        subject.setId(patientId + "-screening");
        subject.addIdentifier().setSystem(SUBJECT_IDS).setValue("S-" + patientId);
        subject.setStatus(ResearchSubjectStatus.SCREENING);
        subject.setStudy(new Reference(STUDY));
        subject.setIndividual(new Reference("Patient/" + patientId));
        subject.setConsent(new Reference("Consent/" + patientId + "-consent"));
        return subject;
    }

    /**
     * A patient enrolled from {@code start} in {@code arm} with {@code status} (e.g. on-study): a
     * screening subject, a TCSS total of 12 six days before {@code start}, then the subject updated.
     */
    public String enrolled(String patientId, String arm, ResearchSubjectStatus status, String start) {
        patient(patientId, ADULT_BIRTH_DATE);
        String subjectId = screening(patientId);
        tcssTotal(patientId, 12, LocalDate.parse(start).minusDays(6));
        ResearchSubject subject = new ResearchSubject();
        subject.setId(subjectId);
        subject.addIdentifier().setSystem(SUBJECT_IDS).setValue("S-" + patientId);
        subject.setStatus(status);
        subject.setStudy(new Reference(STUDY));
        subject.setIndividual(new Reference("Patient/" + patientId));
        subject.getPeriod().setStartElement(new DateTimeType(start));
        subject.setAssignedArm(arm).setActualArm(arm);
        subject.setConsent(new Reference("Consent/" + patientId + "-consent"));
        put(subject);
        return subjectId;
    }

    /**
     * A patient (already stored) who may be enrolled from {@code start} but has no ResearchSubject:
     * screened (a subject, so that the TCSS may be stored), scored {@code total} six days before
     * {@code start}, then the screening subject removed, so that a test can POST its own subject.
     */
    public void screenedWithoutSubject(String patientId, int total, String start) {
        String subjectId = screening(patientId);
        tcssTotal(patientId, total, LocalDate.parse(start).minusDays(6));
        Http.Response deleted = Http.delete(fhir.uri("ResearchSubject/" + subjectId), headers);
        if (deleted.status() != 200 && deleted.status() != 204) {
            throw new AssertionError("Set-up: DELETE ResearchSubject/" + subjectId + " failed: " + deleted);
        }
    }

    /** A TCSS total without items, linked to the trial, at the screening visit, stored at {@code [patientId]-tcss-[date]}. */
    public String tcssTotal(String patientId, int total, LocalDate effective) {
        Observation tcss = tcssTotalObservation("Patient/" + patientId, total, effective.toString() + "T09:00:00+08:00");
        tcss.setId(patientId + "-tcss-" + effective);
        put(tcss);
        return tcss.getIdElement().getIdPart();
    }

    /** A valid dpn-tcss Observation with only the total (no items), without meta.profile. */
    public static Observation tcssTotalObservation(String subject, int total, String effective) {
        Observation tcss = new Observation();
        tcss.addExtension(STUDY_LINK, new Reference(STUDY));
        tcss.addExtension(VISIT, new Coding(VISITS, "screening", null));
        tcss.setStatus(Observation.ObservationStatus.FINAL);
        tcss.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "exam", "Exam")));
        tcss.setCode(new CodeableConcept().addCoding(new Coding(TCSS, "total", "TCSS total score")));
        tcss.setSubject(new Reference(subject));
        tcss.setEffective(new DateTimeType(effective));
        tcss.setValue(new Quantity().setValue(total).setUnit("score")
                .setSystem("http://unitsofmeasure.org").setCode("{score}"));
        return tcss;
    }

    private static Consent consent(String patientId) {
        Consent consent = new Consent();
        consent.setId(patientId + "-consent");
        consent.setStatus(Consent.ConsentState.ACTIVE);
        consent.setScope(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentscope", "research", null)));
        consent.addCategory(new CodeableConcept().addCoding(new Coding(
                "http://terminology.hl7.org/CodeSystem/consentcategorycodes", "research", null)));
        consent.setPatient(new Reference("Patient/" + patientId));
        consent.addPolicy().setUri("https://clinicaltrials.gov/study/NCT07183761");
        return consent;
    }

    /** PUT at the resource's own id; the set-up fails loudly if the server refuses it. */
    public void put(Resource resource) {
        String path = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        Http.Response response = Http.send("PUT", fhir.uri(path), FHIR_JSON, TrialExamples.json(resource), headers);
        if (response.status() != 200 && response.status() != 201) {
            throw new AssertionError("Set-up: PUT " + path + " was refused: " + response);
        }
    }
}
