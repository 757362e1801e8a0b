package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Assertions;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * One test's view of the trial on a shared server: ids of its own (a random suffix), trial
 * resources built the way an EHR sends them, and the writes (single requests and transactions)
 * the study-rule suites make.
 */
final class StudyIntake {
    static final String STUDY = TrialSubjects.STUDY;
    static final String VISITS = TrialSubjects.VISITS;
    static final String VISIT = TrialSubjects.VISIT;
    /** A period.start in the past of the test machine, so that screening TCSS dates are too. */
    static final LocalDate START = LocalDate.of(2026, 10, 1);

    final FhirEndpoint fhir;
    final TrialSubjects subjects;
    private final String suffix = Resources.unique("");

    StudyIntake(FhirServer server) {
        this.fhir = new FhirEndpoint(server);
        this.subjects = new TrialSubjects(fhir);
    }

    /** An id of this test only. */
    String id(String name) {
        return name + "-" + suffix;
    }

    // ---- writes

    Http.Response post(Resource resource) {
        return Http.send("POST", fhir.uri(resource.fhirType()), FHIR_JSON, TrialExamples.json(resource));
    }

    Http.Response put(Resource resource) {
        return Http.send("PUT", fhir.uri(resource.fhirType() + "/" + resource.getIdElement().getIdPart()), FHIR_JSON,
                TrialExamples.json(resource));
    }

    Http.Response transaction(Bundle bundle) {
        return Http.send("POST", fhir.base(), FHIR_JSON, TrialExamples.json(bundle));
    }

    /** A transaction of {@code resources}: those with an id PUT there, the others POSTed with a urn:uuid fullUrl. */
    Http.Response transactionOf(Resource... resources) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            if (resource.getIdElement().hasIdPart()) {
                put(bundle, resource);
            } else {
                post(bundle, "urn:uuid:" + java.util.UUID.randomUUID(), resource);
            }
        }
        return transaction(bundle);
    }

    static void post(Bundle bundle, String fullUrl, Resource resource) {
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
    }

    static void put(Bundle bundle, Resource resource) {
        String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        bundle.addEntry().setFullUrl(url).setResource(resource).getRequest()
                .setMethod(Bundle.HTTPVerb.PUT).setUrl(url);
    }

    /** How many resources {@code search} finds. */
    int count(String search) {
        return fhir.count(search);
    }

    /**
     * Runs {@code write}, which must be refused with {@code ruleKey} (see
     * {@link RuleOutcomes#assertRejected}), and checks that what {@code search} finds is unchanged.
     */
    Http.Response refused(String search, Supplier<Http.Response> write, String ruleKey, String expression,
                          String... fragments) {
        int before = count(search);
        Http.Response response = write.get();
        RuleOutcomes.assertRejected(response, ruleKey, expression, fragments);
        Assertions.assertEquals(before, count(search), () -> "the refused write stored something (" + search + ")");
        return response;
    }

    /** Runs {@code write}, which must be accepted, and checks that {@code search} finds one more resource. */
    Http.Response accepted(String search, Supplier<Http.Response> write) {
        int before = count(search);
        Http.Response response = write.get();
        RuleOutcomes.assertAccepted(response);
        Assertions.assertEquals(before + 1, count(search), () -> "the accepted write is not found by " + search);
        return response;
    }

    // ---- set-up of patients

    /** A stored patient with a ResearchSubject in screening; returns the patient id. */
    String screeningPatient(String name) {
        String patient = id(name);
        subjects.patient(patient, TrialSubjects.ADULT_BIRTH_DATE);
        subjects.screening(patient);
        return patient;
    }

    /** A stored patient without any ResearchSubject; returns the patient id. */
    String unenrolledPatient(String name) {
        String patient = id(name);
        subjects.patient(patient, TrialSubjects.ADULT_BIRTH_DATE);
        return patient;
    }

    /** A patient on study in {@code arm} from {@link #START}; returns the patient id. */
    String enrolledPatient(String name, String arm) {
        String patient = id(name);
        subjects.enrolled(patient, arm, ResearchSubjectStatus.ONSTUDYINTERVENTION, START.toString());
        return patient;
    }

    /**
     * A patient born {@code birthDate} (none if null) whose TCSS totals (date → total) are stored,
     * without a ResearchSubject, so that the test can send its own.
     */
    String screenedPatient(String name, String birthDate, Map<LocalDate, Integer> totals) {
        String patient = id(name);
        Patient stored = new Patient();
        stored.setId(patient);
        stored.addIdentifier().setSystem(Resources.PATIENT_IDS).setValue(patient);
        stored.addName().setFamily(patient);
        if (birthDate != null) {
            stored.setBirthDateElement(new DateType(birthDate));
        }
        subjects.put(stored);
        String screening = subjects.screening(patient);
        totals.forEach((date, total) -> subjects.tcssTotal(patient, total, date));
        Http.Response deleted = Http.delete(fhir.uri("ResearchSubject/" + screening));
        Assertions.assertTrue(deleted.status() == 200 || deleted.status() == 204, () -> "set-up delete: " + deleted);
        return patient;
    }

    // ---- resources

    /** A ResearchSubject of {@code patient} in {@code study} (no id: POST it or give it one). */
    static ResearchSubject subject(String patient, String study, ResearchSubjectStatus status, String start, String arm) {
        ResearchSubject subject = new ResearchSubject();
        subject.addIdentifier().setSystem(TrialSubjects.SUBJECT_IDS).setValue("S-" + patient);
        subject.setStatus(status);
        subject.setStudy(new Reference(study));
        subject.setIndividual(new Reference(patient.startsWith("urn:") ? patient : "Patient/" + patient));
        if (start != null) {
            subject.getPeriod().setStartElement(new DateTimeType(start));
        }
        if (arm != null) {
            subject.setAssignedArm(arm);
        }
        return subject;
    }

    static ResearchSubject onStudy(String patient, String arm) {
        return subject(patient, STUDY, ResearchSubjectStatus.ONSTUDY, START.toString(), arm);
    }

    static String ref(String patient) {
        return patient.startsWith("urn:") ? patient : "Patient/" + patient;
    }

    static Observation tcss(String patient, int total, String effective) {
        return TrialSubjects.tcssTotalObservation(ref(patient), total, effective);
    }

    static Observation crp(String patient, String effective) {
        Observation crp = TrialExamples.load("valid/Observation-dpn-crp-001-day0.json", "x", Observation.class);
        crp.setId((String) null);
        crp.setSubject(new Reference(ref(patient)));
        crp.setEffective(new DateTimeType(effective));
        crp.setIssuedElement(null);
        return crp;
    }

    static AdverseEvent adverseEvent(String patient, String date) {
        AdverseEvent event = TrialExamples.load("valid/AdverseEvent-dpn-ae-002-headache.json", "x", AdverseEvent.class);
        event.setId((String) null);
        event.setSubject(new Reference(ref(patient)));
        event.setDateElement(new DateTimeType(date));
        event.setRecordedDateElement(null);
        return event;
    }

    static Procedure msc(String patient, String visit, String performed) {
        Procedure procedure = TrialExamples.load("valid/Procedure-dpn-msc-001-day0.json", "x", Procedure.class);
        procedure.setId((String) null);
        procedure.setSubject(new Reference(ref(patient)));
        procedure.getExtensionByUrl(VISIT).setValue(new Coding(VISITS, visit, null));
        procedure.setPerformed(new DateTimeType(performed));
        return procedure;
    }

    /** A Procedure linked to the trial that is not an hUC-MSC injection (a nerve conduction study). */
    static Procedure otherProcedure(String patient, String performed) {
        Procedure procedure = new Procedure();
        procedure.addExtension(TrialSubjects.STUDY_LINK, new Reference(STUDY));
        procedure.addExtension(VISIT, new Coding(VISITS, "screening", null));
        procedure.setStatus(Procedure.ProcedureStatus.COMPLETED);
        procedure.setCode(new CodeableConcept().setText("Nerve conduction study of the lower limbs"));
        procedure.setSubject(new Reference(ref(patient)));
        procedure.setPerformed(new DateTimeType(performed));
        return procedure;
    }

    /** A dateTime {@code amount unit} from now, with seconds and offset, e.g. 2 days ahead. */
    static String fromNow(long amount, ChronoUnit unit) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plus(amount, unit).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** A dateTime on {@code date} at 09:00+08:00. */
    static String at(LocalDate date) {
        return date + "T09:00:00+08:00";
    }
}
