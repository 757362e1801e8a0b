package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.study.rules.StudyIntake.START;
import static org.releasedpn.fhir.study.rules.StudyIntake.onStudy;

import java.util.Map;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/** dpn-rs-1 ({@link ArmRule}): assignedArm and actualArm are exactly the name of an arm of the study. */
abstract class ArmRuleSuite {
    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    private String eligiblePatient(String name) {
        return intake.screenedPatient(name, TrialSubjects.ADULT_BIRTH_DATE, Map.of(START.minusDays(6), 12));
    }

    private static String subjectsOf(String patient) {
        return "ResearchSubject?individual=Patient/" + patient;
    }

    @Test
    void anArmNameInOtherCaseIsRefused() {
        String patient = eligiblePatient("arm-case");
        intake.refused(subjectsOf(patient), () -> intake.post(onStudy(patient, "experimental group")),
                "dpn-rs-1", "ResearchSubject.assignedArm", "'experimental group'", "ResearchStudy/release-dpn");
    }

    @Test
    void theExactArmNameIsAccepted() {
        String patient = eligiblePatient("arm-exact");
        intake.accepted(subjectsOf(patient), () -> intake.post(onStudy(patient, TrialSubjects.EXPERIMENTAL)));
    }

    @Test
    void anActualArmNotOfTheStudyIsRefused() {
        String patient = eligiblePatient("arm-actual");
        ResearchSubject subject = onStudy(patient, TrialSubjects.CONTROL).setActualArm("Placebo group");
        intake.refused(subjectsOf(patient), () -> intake.post(subject),
                "dpn-rs-1", "ResearchSubject.actualArm", "'Placebo group'");
    }

    @Test
    void anUpdateToAnUnknownArmIsRefusedAndTheStoredSubjectKept() {
        String patient = intake.screeningPatient("arm-put");
        intake.subjects.tcssTotal(patient, 12, START.minusDays(6));
        ResearchSubject subject = onStudy(patient, "Arm A");
        subject.setId(patient + "-screening");

        Http.Response refused = intake.put(subject);

        RuleOutcomes.assertRejected(refused, "dpn-rs-1", "ResearchSubject.assignedArm", "'Arm A'");
        ResearchSubject stored = Http.get(intake.fhir.uri("ResearchSubject/" + patient + "-screening"))
                .resource(ResearchSubject.class);
        assertEquals(ResearchSubject.ResearchSubjectStatus.SCREENING, stored.getStatus());
        assertEquals("1", stored.getMeta().getVersionId());
    }

    @Test
    void anUnknownArmInATransactionIsRefusedAtItsEntry() {
        String patient = eligiblePatient("arm-tx-bad");
        intake.refused(subjectsOf(patient), () -> intake.transactionOf(onStudy(patient, "Control Group")),
                "dpn-rs-1", "Bundle.entry[0].resource.assignedArm", "'Control Group'");
    }

    @Test
    void theExactArmNameInATransactionIsAccepted() {
        String patient = eligiblePatient("arm-tx-good");
        intake.accepted(subjectsOf(patient), () -> intake.transactionOf(onStudy(patient, TrialSubjects.CONTROL)));
    }
}
