package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.study.rules.StudyIntake.at;
import static org.releasedpn.fhir.study.rules.StudyIntake.msc;

import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * dpn-enrol-2 ({@link MscAdministrationRule}): hUC-MSC injections only for the "Experimental
 * group", at most one per patient and visit.
 */
abstract class MscAdministrationRuleSuite {
    private static final String DAY_0 = at(StudyIntake.START);
    private static final String DAY_7 = at(StudyIntake.START.plusDays(7));
    private static final String DAY_28 = at(StudyIntake.START.plusDays(28));
    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    private static String injectionsOf(String patient) {
        return "Procedure?subject=Patient/" + patient;
    }

    @Test
    void anInjectionForAControlGroupSubjectIsRefused() {
        String patient = intake.enrolledPatient("msc-control", TrialSubjects.CONTROL);
        intake.refused(injectionsOf(patient), () -> intake.post(msc(patient, "day-0", DAY_0)), "dpn-enrol-2",
                "Procedure.subject", "Patient/" + patient, "Experimental group", "Control group");
    }

    @Test
    void anInjectionForAnExperimentalGroupSubjectIsAccepted() {
        String patient = intake.enrolledPatient("msc-exp", TrialSubjects.EXPERIMENTAL);
        intake.accepted(injectionsOf(patient), () -> intake.post(msc(patient, "day-0", DAY_0)));
    }

    @Test
    void anInjectionPutForAControlGroupSubjectIsRefused() {
        String patient = intake.enrolledPatient("msc-control-put", TrialSubjects.CONTROL);
        Procedure injection = msc(patient, "day-7", DAY_7);
        injection.setId(intake.id("msc-control-put-day7"));
        intake.refused(injectionsOf(patient), () -> intake.put(injection), "dpn-enrol-2", "Procedure.subject");
    }

    @Test
    void theSameVisitTwiceIsRefusedAndADifferentVisitAccepted() {
        String patient = intake.enrolledPatient("msc-twice", TrialSubjects.EXPERIMENTAL);
        intake.accepted(injectionsOf(patient), () -> intake.post(msc(patient, "day-0", DAY_0)));

        intake.refused(injectionsOf(patient), () -> intake.post(msc(patient, "day-0", DAY_0)), "dpn-enrol-2", null,
                "Patient/" + patient, "day-0");
        intake.accepted(injectionsOf(patient), () -> intake.post(msc(patient, "day-7", DAY_7)));
    }

    @Test
    void aStoredVisitPostedAgainInATransactionIsRefused() {
        String patient = intake.enrolledPatient("msc-tx-again", TrialSubjects.EXPERIMENTAL);
        intake.accepted(injectionsOf(patient), () -> intake.post(msc(patient, "day-0", DAY_0)));
        intake.refused(injectionsOf(patient), () -> intake.transactionOf(msc(patient, "day-0", DAY_0)),
                "dpn-enrol-2", "Bundle.entry[0].resource*", "day-0");
    }

    @Test
    void anInjectionForAControlGroupSubjectIsRefusedInATransactionAtItsEntry() {
        String patient = intake.enrolledPatient("msc-tx-control", TrialSubjects.CONTROL);
        intake.refused(injectionsOf(patient), () -> intake.transactionOf(msc(patient, "day-0", DAY_0)),
                "dpn-enrol-2", "Bundle.entry[0].resource.subject", "Experimental group");
    }

    @Test
    void twoInjectionsForOneVisitInOneTransactionAreRefused() {
        String patient = intake.enrolledPatient("msc-tx-two", TrialSubjects.EXPERIMENTAL);
        intake.refused(injectionsOf(patient),
                () -> intake.transactionOf(msc(patient, "day-7", DAY_7), msc(patient, "day-7", DAY_7)),
                "dpn-enrol-2", "Bundle.entry[*", "day-7");
    }

    @Test
    void twoVisitsInOneTransactionAreAccepted() {
        String patient = intake.enrolledPatient("msc-tx-visits", TrialSubjects.EXPERIMENTAL);
        int before = intake.count(injectionsOf(patient));
        RuleOutcomes.assertAccepted(intake.transactionOf(msc(patient, "day-7", DAY_7), msc(patient, "day-28", DAY_28)));
        org.junit.jupiter.api.Assertions.assertEquals(before + 2, intake.count(injectionsOf(patient)));
    }
}
