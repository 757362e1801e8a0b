package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.study.rules.StudyIntake.subject;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;

/** dpn-rs-4 ({@link OneSubjectPerStudyRule}): at most one ResearchSubject per (Patient, study). */
abstract class OneSubjectPerStudyRuleSuite {
    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    private static String subjectsOf(String patient) {
        return "ResearchSubject?individual=Patient/" + patient;
    }

    private static ResearchSubject screening(String patient, String study) {
        return subject(patient, study, ResearchSubjectStatus.SCREENING, null, null);
    }

    @Test
    void aSecondSubjectInTheSameStudyIsRefusedNamingTheFirst() {
        String patient = intake.screeningPatient("rs4-post");
        intake.refused(subjectsOf(patient), () -> intake.post(screening(patient, StudyIntake.STUDY)),
                "dpn-rs-4", "ResearchSubject.individual", "Patient/" + patient, "ResearchSubject/" + patient + "-screening");
    }

    @Test
    void aSecondSubjectPutAtAnotherIdIsRefused() {
        String patient = intake.screeningPatient("rs4-put");
        ResearchSubject second = screening(patient, StudyIntake.STUDY);
        second.setId(intake.id("rs4-second"));
        intake.refused(subjectsOf(patient), () -> intake.put(second), "dpn-rs-4", "ResearchSubject.individual");
        assertEquals(404, Http.get(intake.fhir.uri("ResearchSubject/" + second.getIdElement().getIdPart())).status());
    }

    @Test
    void updatingTheOneSubjectIsAccepted() {
        String patient = intake.screeningPatient("rs4-update");
        ResearchSubject same = screening(patient, StudyIntake.STUDY);
        same.setId(patient + "-screening");
        same.getIdentifierFirstRep().setValue("S-renumbered-" + patient);
        Http.Response response = intake.put(same);
        assertEquals(200, response.status(), response::toString);
        assertEquals(1, intake.count(subjectsOf(patient)));
    }

    @Test
    void theSamePatientInAnotherStudyIsAccepted() {
        String otherStudy = importAnotherTrial();
        String patient = intake.screeningPatient("rs4-other-study");
        intake.accepted(subjectsOf(patient), () -> intake.post(screening(patient, otherStudy)));
        assertEquals(2, intake.count(subjectsOf(patient)));
    }

    @Test
    void aSecondSubjectInATransactionIsRefusedAtItsEntry() {
        String patient = intake.screeningPatient("rs4-tx");
        intake.refused(subjectsOf(patient), () -> intake.transactionOf(screening(patient, StudyIntake.STUDY)),
                "dpn-rs-4", "Bundle.entry[0].resource.individual", "Patient/" + patient);
    }

    @Test
    void twoSubjectsOfOneNewPatientInOneTransactionAreRefusedAndNothingStored() {
        String family = Resources.unique("rs4-two");
        Patient patient = Resources.patient(family);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, "urn:uuid:" + java.util.UUID.randomUUID(), patient);
        String patientUrl = bundle.getEntry().get(0).getFullUrl();
        StudyIntake.post(bundle, "urn:uuid:" + java.util.UUID.randomUUID(), screening(patientUrl, StudyIntake.STUDY));
        StudyIntake.post(bundle, "urn:uuid:" + java.util.UUID.randomUUID(), screening(patientUrl, StudyIntake.STUDY));

        intake.refused("Patient?" + Resources.identifierParam(family), () -> intake.transaction(bundle),
                "dpn-rs-4", "Bundle.entry[*");
    }

    @Test
    void oneSubjectInAnotherStudyInATransactionIsAccepted() {
        String otherStudy = importAnotherTrial();
        String patient = intake.screeningPatient("rs4-tx-other");
        intake.accepted(subjectsOf(patient), () -> intake.transactionOf(screening(patient, otherStudy)));
    }

    /** Imports the RELEASE-DPN record under another NCT number and acronym; answers "ResearchStudy/[id]". */
    private String importAnotherTrial() {
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String acronym = "RS4-" + digits;
        ObjectNode record = registryRecord();
        ObjectNode identification = (ObjectNode) record.path("protocolSection").path("identificationModule");
        identification.put("nctId", "NCT" + digits);
        identification.put("acronym", acronym);
        Http.Response imported = Http.send("POST", intake.fhir.uri("ResearchStudy/$import-ctgov"), "application/json",
                record.toString());
        assertEquals(200, imported.status(), () -> "set-up import of another trial: " + imported);
        String study = "ResearchStudy/" + acronym.toLowerCase();
        assertEquals(200, Http.get(intake.fhir.uri(study)).status(), study + " was not created");
        return study;
    }

    private static ObjectNode registryRecord() {
        try (InputStream in = OneSubjectPerStudyRuleSuite.class.getResourceAsStream("/registry/NCT07183761.json")) {
            return (ObjectNode) new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
