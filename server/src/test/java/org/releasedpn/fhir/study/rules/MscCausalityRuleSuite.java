package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.study.rules.StudyIntake.at;

import java.util.UUID;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * dpn-ae-1 ({@link MscCausalityRule}): an AdverseEvent suspecting an hUC-MSC administration
 * carries a causality assessment.
 */
abstract class MscCausalityRuleSuite {
    private static final String CAUSALITY = "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess";
    private StudyIntake intake;
    private String patient;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
        patient = intake.enrolledPatient("ae1", TrialSubjects.EXPERIMENTAL);
    }

    private String events() {
        return "AdverseEvent?subject=Patient/" + patient;
    }

    /** The day-0 injection, stored at an id of this test. */
    private String storedInjection() {
        Procedure injection = StudyIntake.msc(patient, "day-0", at(StudyIntake.START));
        injection.setId(intake.id("ae1-day0"));
        intake.subjects.put(injection);
        return "Procedure/" + injection.getIdElement().getIdPart();
    }

    private AdverseEvent suspecting(String procedure, boolean assessed) {
        AdverseEvent event = StudyIntake.adverseEvent(patient, at(StudyIntake.START.plusDays(1)));
        AdverseEvent.AdverseEventSuspectEntityComponent suspect = event.addSuspectEntity()
                .setInstance(new Reference(procedure));
        if (assessed) {
            suspect.addCausality().setAssessment(new CodeableConcept(new Coding(CAUSALITY, "Possible", "Possible")));
        }
        return event;
    }

    @Test
    void suspectingAStoredInjectionWithoutCausalityIsRefused() {
        String injection = storedInjection();
        intake.refused(events(), () -> intake.post(suspecting(injection, false)), "dpn-ae-1",
                "AdverseEvent.suspectEntity[0]", injection, "causality");
    }

    @Test
    void suspectingAStoredInjectionWithCausalityIsAccepted() {
        String injection = storedInjection();
        intake.accepted(events(), () -> intake.post(suspecting(injection, true)));
    }

    @Test
    void suspectingAStoredInjectionWithoutCausalityIsRefusedInATransactionAtItsEntry() {
        String injection = storedInjection();
        intake.refused(events(), () -> intake.transactionOf(suspecting(injection, false)), "dpn-ae-1",
                "Bundle.entry[0].resource.suspectEntity[0]", injection);
    }

    @Test
    void suspectingAnInjectionOfTheSameTransactionWithoutCausalityIsRefusedAndNothingStored() {
        String injectionUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, injectionUrl, StudyIntake.msc(patient, "day-7", at(StudyIntake.START.plusDays(7))));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), suspecting(injectionUrl, false));

        intake.refused("Procedure?subject=Patient/" + patient, () -> intake.transaction(bundle), "dpn-ae-1",
                "Bundle.entry[1].resource.suspectEntity[0]");
    }

    @Test
    void suspectingAnInjectionOfTheSameTransactionWithCausalityIsAccepted() {
        String injectionUrl = "urn:uuid:" + UUID.randomUUID();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, injectionUrl, StudyIntake.msc(patient, "day-7", at(StudyIntake.START.plusDays(7))));
        StudyIntake.post(bundle, "urn:uuid:" + UUID.randomUUID(), suspecting(injectionUrl, true));

        intake.accepted(events(), () -> intake.transaction(bundle));
    }
}
