package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.study.rules.StudyIntake.START;
import static org.releasedpn.fhir.study.rules.StudyIntake.onStudy;

import java.util.Map;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * dpn-rs-3 ({@link EligibilityRule}): entering on-study needs age 18 to 80 at period.start
 * (2026-10-01 here) and a most recent TCSS total of at least 9 dated period.start − 60 days to
 * period.start; the error names the criterion that failed.
 */
abstract class EligibilityRuleSuite {
    private static final String ADULT = TrialSubjects.ADULT_BIRTH_DATE;
    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    private static String subjectsOf(String patient) {
        return "ResearchSubject?individual=Patient/" + patient;
    }

    private void refusedOnStudy(String patient, String expression, String... fragments) {
        intake.refused(subjectsOf(patient), () -> intake.post(onStudy(patient, TrialSubjects.EXPERIMENTAL)),
                "dpn-rs-3", expression, fragments);
    }

    private void acceptedOnStudy(String patient) {
        intake.accepted(subjectsOf(patient), () -> intake.post(onStudy(patient, TrialSubjects.EXPERIMENTAL)));
    }

    @ParameterizedTest(name = "born {0}: {1} at period.start, accepted {2}")
    @CsvSource({
        "2008-10-02, 17, false",
        "2008-10-01, 18, true",
        "1946-10-01, 80, true",
        "1945-10-02, 80, true",
        "1945-10-01, 81, false"})
    void ageAtPeriodStartMustBeFrom18To80(String birthDate, int age, boolean accepted) {
        String patient = intake.screenedPatient("age" + age, birthDate, Map.of(START.minusDays(6), 12));
        if (accepted) {
            acceptedOnStudy(patient);
        } else {
            refusedOnStudy(patient, null, "age", " " + age + " ");
        }
    }

    @Test
    void aPatientWithoutBirthDateIsRefusedNamingTheBirthDate() {
        String patient = intake.screenedPatient("no-birth", null, Map.of(START.minusDays(6), 12));
        refusedOnStudy(patient, null, "age", "birthDate");
    }

    @Test
    void aTcssDated61DaysBeforeStartIsNoBaseline() {
        String patient = intake.screenedPatient("tcss-61", ADULT, Map.of(START.minusDays(61), 12));
        refusedOnStudy(patient, null, "TCSS", START.minusDays(60).toString(), START.toString());
    }

    @Test
    void aTcssDated60DaysBeforeStartIsABaseline() {
        String patient = intake.screenedPatient("tcss-60", ADULT, Map.of(START.minusDays(60), 12));
        acceptedOnStudy(patient);
    }

    @Test
    void aTcssDatedAfterStartIsNoBaseline() {
        String patient = intake.screenedPatient("tcss-after", ADULT, Map.of(START.plusDays(1), 12));
        refusedOnStudy(patient, null, "TCSS");
    }

    @Test
    void aBaselineTcssOf8IsRefusedNamingTheScore() {
        String patient = intake.screenedPatient("tcss-8", ADULT, Map.of(START.minusDays(6), 8));
        refusedOnStudy(patient, null, "TCSS", " 8 ");
    }

    @Test
    void aBaselineTcssOf9IsAccepted() {
        String patient = intake.screenedPatient("tcss-9", ADULT, Map.of(START.minusDays(6), 9));
        acceptedOnStudy(patient);
    }

    @Test
    void theMostRecentTcssCounts_anOlder12AndANewer8AreRefused() {
        String patient = intake.screenedPatient("tcss-12-8", ADULT,
                Map.of(START.minusDays(20), 12, START.minusDays(5), 8));
        refusedOnStudy(patient, null, "TCSS", " 8 ", START.minusDays(5).toString());
    }

    @Test
    void theMostRecentTcssCounts_anOlder8AndANewer12AreAccepted() {
        String patient = intake.screenedPatient("tcss-8-12", ADULT,
                Map.of(START.minusDays(20), 8, START.minusDays(5), 12));
        acceptedOnStudy(patient);
    }

    @Test
    void onStudyInterventionIsGatedToo() {
        String patient = intake.screenedPatient("osi-17", "2009-01-01", Map.of(START.minusDays(6), 12));
        ResearchSubject subject = StudyIntake.subject(patient, StudyIntake.STUDY,
                ResearchSubjectStatus.ONSTUDYINTERVENTION, START.toString(), TrialSubjects.CONTROL);
        intake.refused(subjectsOf(patient), () -> intake.post(subject), "dpn-rs-3", null, "age", " 17 ");
    }

    @Test
    void anUpdateFromScreeningToOnStudyIsGatedAndTheStoredSubjectKept() {
        String patient = intake.screeningPatient("put-no-tcss");
        ResearchSubject subject = onStudy(patient, TrialSubjects.EXPERIMENTAL);
        subject.setId(patient + "-screening");

        RuleOutcomes.assertRejected(intake.put(subject), "dpn-rs-3", null, "TCSS");

        ResearchSubject stored = Http.get(intake.fhir.uri("ResearchSubject/" + patient + "-screening"))
                .resource(ResearchSubject.class);
        assertEquals(ResearchSubjectStatus.SCREENING, stored.getStatus());
        assertEquals("1", stored.getMeta().getVersionId());
    }

    @Test
    void anUpdateFromScreeningToOnStudyOfAnEligiblePatientIsAccepted() {
        String patient = intake.screeningPatient("put-eligible");
        intake.subjects.tcssTotal(patient, 10, START.minusDays(3));
        ResearchSubject subject = onStudy(patient, TrialSubjects.EXPERIMENTAL);
        subject.setId(patient + "-screening");

        RuleOutcomes.assertAccepted(intake.put(subject));
        assertEquals(ResearchSubjectStatus.ONSTUDY, Http.get(intake.fhir.uri("ResearchSubject/" + patient + "-screening"))
                .resource(ResearchSubject.class).getStatus());
    }

    @Test
    void anUnderagePatientIsRefusedInATransactionAtItsEntry() {
        String patient = intake.screenedPatient("tx-age", "2010-05-05", Map.of(START.minusDays(6), 12));
        intake.refused(subjectsOf(patient), () -> intake.transactionOf(onStudy(patient, TrialSubjects.EXPERIMENTAL)),
                "dpn-rs-3", "Bundle.entry[0].resource*", "age", " 16 ");
    }

    @Test
    void aTooLowTcssIsRefusedInATransactionAtItsEntry() {
        String patient = intake.screenedPatient("tx-tcss", ADULT, Map.of(START.minusDays(6), 5));
        intake.refused(subjectsOf(patient), () -> intake.transactionOf(onStudy(patient, TrialSubjects.EXPERIMENTAL)),
                "dpn-rs-3", "Bundle.entry[0].resource*", "TCSS", " 5 ");
    }

    @Test
    void anEligiblePatientIsAcceptedInATransaction() {
        String patient = intake.screenedPatient("tx-ok", ADULT, Map.of(START.minusDays(59), 15));
        intake.accepted(subjectsOf(patient), () -> intake.transactionOf(onStudy(patient, TrialSubjects.EXPERIMENTAL)));
    }
}
