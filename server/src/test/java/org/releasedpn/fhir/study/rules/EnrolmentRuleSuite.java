package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.study.rules.StudyIntake.at;

import java.util.function.Function;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.releasedpn.fhir.bootstrap.FhirServer;

/**
 * dpn-enrol-1 ({@link EnrolmentRule}): an Observation, AdverseEvent or Procedure linked to the
 * trial needs a ResearchSubject of its patient in the trial; one in screening is enough.
 */
abstract class EnrolmentRuleSuite {
    private static final String DATE = at(StudyIntake.START.minusDays(3));

    /** The kinds of trial data an EHR sends, each made for a patient id. */
    enum Kind {
        TCSS("Observation", p -> StudyIntake.tcss(p, 12, DATE)),
        CRP("Observation", p -> StudyIntake.crp(p, DATE)),
        ADVERSE_EVENT("AdverseEvent", p -> StudyIntake.adverseEvent(p, DATE)),
        PROCEDURE("Procedure", p -> StudyIntake.otherProcedure(p, DATE));

        final String type;
        final Function<String, Resource> make;

        Kind(String type, Function<String, Resource> make) {
            this.type = type;
            this.make = make;
        }

        String search(String patient) {
            return type + "?subject=Patient/" + patient;
        }
    }

    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dataOfAPatientWithoutResearchSubjectIsRefused(Kind kind) {
        String patient = intake.unenrolledPatient("enrol-none-" + kind.ordinal());
        intake.refused(kind.search(patient), () -> intake.post(kind.make.apply(patient)), "dpn-enrol-1",
                kind.type + ".subject", "Patient/" + patient, "ResearchStudy/release-dpn");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dataOfAPatientInScreeningIsAccepted(Kind kind) {
        String patient = intake.screeningPatient("enrol-screening-" + kind.ordinal());
        intake.accepted(kind.search(patient), () -> intake.post(kind.make.apply(patient)));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dataPutForAPatientWithoutResearchSubjectIsRefused(Kind kind) {
        String patient = intake.unenrolledPatient("enrol-put-" + kind.ordinal());
        Resource resource = kind.make.apply(patient);
        resource.setId(intake.id("enrol-put-data-" + kind.ordinal()));
        intake.refused(kind.search(patient), () -> intake.put(resource), "dpn-enrol-1", kind.type + ".subject",
                "Patient/" + patient);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dataOfAPatientWithoutResearchSubjectIsRefusedInATransactionAtItsEntry(Kind kind) {
        String patient = intake.unenrolledPatient("enrol-tx-none-" + kind.ordinal());
        intake.refused(kind.search(patient), () -> intake.transactionOf(kind.make.apply(patient)), "dpn-enrol-1",
                "Bundle.entry[0].resource.subject", "Patient/" + patient);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dataWithTheResearchSubjectCreatedInTheSameTransactionIsAccepted(Kind kind) {
        String patient = intake.unenrolledPatient("enrol-tx-rs-" + kind.ordinal());
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        StudyIntake.post(bundle, "urn:uuid:" + java.util.UUID.randomUUID(), StudyIntake.subject(patient,
                StudyIntake.STUDY, ResearchSubjectStatus.SCREENING, null, null));
        StudyIntake.post(bundle, "urn:uuid:" + java.util.UUID.randomUUID(), kind.make.apply(patient));
        intake.accepted(kind.search(patient), () -> intake.transaction(bundle));
    }
}
