package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.study.rules.StudyIntake.at;

import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;

/**
 * The transaction behaviour of contract section 5 ({@link TrialRules} with {@link TrialData}):
 * resources created earlier in the Bundle count, an error is located at its entry, and a Bundle
 * with one bad entry stores nothing.
 */
abstract class TrialRulesTransactionSuite {
    private static final String SCREENING_DATE = at(StudyIntake.START.minusDays(10));
    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    @Test
    void aPatientItsScreeningSubjectAndItsTcssInOneBundleAreAccepted() {
        String family = Resources.unique("tx-enrol");
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, patientUrl, Resources.patient(family));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(),
                StudyIntake.subject(patientUrl, StudyIntake.STUDY, ResearchSubjectStatus.SCREENING, null, null));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), StudyIntake.tcss(patientUrl, 12, SCREENING_DATE));

        Http.Response response = intake.transaction(bundle);

        assertEquals(200, response.status(), response::toString);
        Bundle answer = response.resource(Bundle.class);
        assertEquals(List.of("201 Created", "201 Created", "201 Created"),
                answer.getEntry().stream().map(e -> e.getResponse().getStatus()).toList());
        Bundle found = Http.get(intake.fhir.uri("Patient?" + Resources.identifierParam(family))).resource(Bundle.class);
        assertEquals(1, found.getEntry().size(), "the Patient of the Bundle is stored once");
        String patient = ((Patient) found.getEntryFirstRep().getResource()).getIdElement().getIdPart();
        assertEquals(1, intake.count("ResearchSubject?individual=Patient/" + patient + "&study=" + StudyIntake.STUDY));
        assertEquals(1, intake.count("Observation?subject=Patient/" + patient
                + "&code=http://fhir.release-dpn.org/CodeSystem/tcss%7Ctotal"));
    }

    @Test
    void dataForANewPatientWithoutResearchSubjectIsRefusedAtItsEntryAndNothingStored() {
        String family = Resources.unique("tx-unknown");
        String patientUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, patientUrl, Resources.patient(family));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), StudyIntake.tcss(patientUrl, 12, SCREENING_DATE));
        int observations = intake.count("Observation");

        intake.refused("Patient?" + Resources.identifierParam(family), () -> intake.transaction(bundle),
                "dpn-enrol-1", "Bundle.entry[1].resource.subject", "not enrolled");
        assertEquals(observations, intake.count("Observation"), "the refused TCSS was stored");
    }

    @Test
    void oneBadEntryAmongGoodOnesStoresNothing() {
        String enrolled = intake.screeningPatient("tx-good");
        String unenrolled = intake.unenrolledPatient("tx-bad");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), StudyIntake.crp(enrolled, SCREENING_DATE));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), StudyIntake.tcss(enrolled, 11, SCREENING_DATE));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), StudyIntake.crp(unenrolled, SCREENING_DATE));

        intake.refused("Observation?subject=Patient/" + enrolled, () -> intake.transaction(bundle), "dpn-enrol-1",
                "Bundle.entry[2].resource.subject", "Patient/" + unenrolled);
    }

    @Test
    void everyBrokenRuleOfTheBundleIsListedAtItsEntry() {
        String unenrolled = intake.unenrolledPatient("tx-two-errors");
        String control = intake.enrolledPatient("tx-two-errors-ctl", org.releasedpn.fhir.testsupport.TrialSubjects.CONTROL);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), StudyIntake.tcss(unenrolled, 12, SCREENING_DATE));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(),
                StudyIntake.msc(control, "day-0", at(StudyIntake.START)));

        Http.Response response = intake.transaction(bundle);

        RuleOutcomes.assertRejected(response, "dpn-enrol-1", "Bundle.entry[0].resource.subject");
        OperationOutcome outcome = response.operationOutcome();
        RuleOutcomes.assertRuleError(outcome, "dpn-enrol-2", "Bundle.entry[1].resource.subject");
        assertEquals(0, intake.count("Procedure?subject=Patient/" + control));
    }
}
