package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.study.rules.StudyIntake.START;
import static org.releasedpn.fhir.study.rules.StudyIntake.onStudy;
import static org.releasedpn.fhir.study.rules.StudyIntake.subject;

import java.util.Map;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * dpn-rs-2, the dpn-research-subject invariant the server enforces through its profile: a subject
 * on study (or in follow-up) has an assignedArm and a period.start.
 */
abstract class OnStudyInvariantSuite {
    private StudyIntake intake;
    private String patient;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
        patient = intake.screenedPatient("rs2", TrialSubjects.ADULT_BIRTH_DATE, Map.of(START.minusDays(6), 12));
    }

    private String subjects() {
        return "ResearchSubject?individual=Patient/" + patient;
    }

    @Test
    void onStudyWithoutAssignedArmIsRefused() {
        intake.refused(subjects(), () -> intake.post(onStudy(patient, null)), "dpn-rs-2", "ResearchSubject");
    }

    @Test
    void onStudyWithoutPeriodStartIsRefused() {
        intake.refused(subjects(), () -> intake.post(subject(patient, StudyIntake.STUDY, ResearchSubjectStatus.ONSTUDY,
                null, TrialSubjects.EXPERIMENTAL)), "dpn-rs-2", "ResearchSubject");
    }

    @Test
    void followUpWithoutAssignedArmIsRefusedInATransaction() {
        intake.refused(subjects(), () -> intake.transactionOf(subject(patient, StudyIntake.STUDY,
                ResearchSubjectStatus.FOLLOWUP, START.toString(), null)), "dpn-rs-2", "Bundle.entry[0].resource*");
    }

    @Test
    void onStudyWithoutPeriodStartIsRefusedInATransaction() {
        intake.refused(subjects(), () -> intake.transactionOf(subject(patient, StudyIntake.STUDY,
                ResearchSubjectStatus.ONSTUDY, null, TrialSubjects.CONTROL)), "dpn-rs-2", "Bundle.entry[0].resource*");
    }

    @Test
    void onStudyWithArmAndPeriodStartIsAccepted() {
        intake.accepted(subjects(), () -> intake.post(onStudy(patient, TrialSubjects.EXPERIMENTAL)));
    }

    @Test
    void onStudyWithArmAndPeriodStartIsAcceptedInATransaction() {
        intake.accepted(subjects(), () -> intake.transactionOf(onStudy(patient, TrialSubjects.EXPERIMENTAL)));
    }
}
