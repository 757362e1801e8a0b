package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.study.rules.StudyIntake.at;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * {@code $validate} applies the study rules ({@link TrialRules}) with {@code mode=create} or
 * {@code mode=update}, answers 200 and stores nothing; without a mode it checks the profiles only.
 */
abstract class ValidateModeSuite {
    private StudyIntake intake;
    private String patient;
    private Observation tcss;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
        patient = intake.unenrolledPatient("validate");
        tcss = StudyIntake.tcss(patient, 12, at(StudyIntake.START.minusDays(2)));
    }

    private Http.Response validate(Resource resource, String mode) {
        Parameters call = new Parameters();
        call.addParameter().setName("resource").setResource(resource);
        if (mode != null) {
            call.addParameter().setName("mode").setValue(new CodeType(mode));
        }
        return Http.send("POST", intake.fhir.uri(resource.fhirType() + "/$validate"), FHIR_JSON, TrialExamples.json(call));
    }

    private String observations() {
        return "Observation?subject=Patient/" + patient;
    }

    @Test
    void modeCreateReportsTheStudyRuleAndStoresNothing() {
        int before = intake.count(observations());
        Http.Response answer = validate(tcss, "create");

        assertEquals(200, answer.status(), answer::toString);
        RuleOutcomes.assertRuleError(answer.operationOutcome(), "dpn-enrol-1", "Observation.subject", "Patient/" + patient);
        assertEquals(before, intake.count(observations()));
    }

    @Test
    void modeCreateInTheUrlWithTheResourceAsBodyReportsTheStudyRule() {
        Http.Response answer = Http.send("POST", intake.fhir.uri("Observation/$validate?mode=create"), FHIR_JSON,
                TrialExamples.json(tcss));

        assertEquals(200, answer.status(), answer::toString);
        RuleOutcomes.assertRuleError(answer.operationOutcome(), "dpn-enrol-1", "Observation.subject");
        assertEquals(0, intake.count(observations()));
    }

    @Test
    void withoutModeTheSameResourceHasNoRuleError() {
        Http.Response answer = validate(tcss, null);

        assertEquals(200, answer.status(), answer::toString);
        OperationOutcome outcome = answer.operationOutcome();
        RuleOutcomes.assertNoRuleError(outcome, "dpn-enrol-1");
        assertEquals(0, RuleOutcomes.errors(outcome).size(), () -> RuleOutcomes.describe(outcome));
    }

    @Test
    void modeCreateOfAnAcceptableResourceHasNoError() {
        intake.subjects.screening(patient);
        Http.Response answer = validate(tcss, "create");

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(0, RuleOutcomes.errors(answer.operationOutcome()).size(),
                () -> RuleOutcomes.describe(answer.operationOutcome()));
        assertEquals(0, intake.count(observations()), "$validate stored the resource");
    }

    @Test
    void modeUpdateReportsAnArmNotOfTheStudy() {
        String subjectId = intake.subjects.screening(patient);
        ResearchSubject update = StudyIntake.onStudy(patient, "Arm B");
        update.setId(subjectId);

        Http.Response answer = validate(update, "update");

        assertEquals(200, answer.status(), answer::toString);
        RuleOutcomes.assertRuleError(answer.operationOutcome(), "dpn-rs-1", "ResearchSubject.assignedArm", "'Arm B'");
        ResearchSubject stored = Http.get(intake.fhir.uri("ResearchSubject/" + subjectId)).resource(ResearchSubject.class);
        assertEquals(ResearchSubject.ResearchSubjectStatus.SCREENING, stored.getStatus());
    }

    @Test
    void modeCreateReportsASecondSubject() {
        intake.subjects.screening(patient);
        Http.Response answer = validate(StudyIntake.onStudy(patient, TrialSubjects.CONTROL)
                .setStatus(ResearchSubject.ResearchSubjectStatus.SCREENING), "create");

        assertEquals(200, answer.status(), answer::toString);
        RuleOutcomes.assertRuleError(answer.operationOutcome(), "dpn-rs-4", null, "Patient/" + patient);
        assertEquals(1, intake.count("ResearchSubject?individual=Patient/" + patient));
    }
}
