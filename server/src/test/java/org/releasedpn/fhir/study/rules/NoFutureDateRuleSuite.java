package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.study.rules.StudyIntake.fromNow;

import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.releasedpn.fhir.bootstrap.FhirServer;

/**
 * dpn-date-1 ({@link NoFutureDateRule}): Observation.effective, Procedure.performed and
 * AdverseEvent.date are not in the future; one day of clock skew is allowed.
 */
abstract class NoFutureDateRuleSuite {
    enum Dated {
        OBSERVATION("Observation", "Observation.effective", (p, d) -> StudyIntake.tcss(p, 12, d)),
        PROCEDURE("Procedure", "Procedure.performed", StudyIntake::otherProcedure),
        ADVERSE_EVENT("AdverseEvent", "AdverseEvent.date", StudyIntake::adverseEvent);

        final String type;
        final String element;
        final BiFunction<String, String, Resource> make;

        Dated(String type, String element, BiFunction<String, String, Resource> make) {
            this.type = type;
            this.element = element;
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
    @EnumSource(Dated.class)
    void twoDaysAheadIsRefused(Dated dated) {
        String patient = intake.screeningPatient("future-" + dated.ordinal());
        String date = fromNow(2, ChronoUnit.DAYS);
        intake.refused(dated.search(patient), () -> intake.post(dated.make.apply(patient, date)), "dpn-date-1",
                dated.element, date, "future");
    }

    @ParameterizedTest
    @EnumSource(Dated.class)
    void twelveHoursAheadIsClockSkewAndAccepted(Dated dated) {
        String patient = intake.screeningPatient("skew-" + dated.ordinal());
        intake.accepted(dated.search(patient), () -> intake.post(dated.make.apply(patient, fromNow(12, ChronoUnit.HOURS))));
    }

    @ParameterizedTest
    @EnumSource(Dated.class)
    void twoDaysAheadIsRefusedInATransactionAtItsEntry(Dated dated) {
        String patient = intake.screeningPatient("future-tx-" + dated.ordinal());
        String date = fromNow(2, ChronoUnit.DAYS);
        intake.refused(dated.search(patient), () -> intake.transactionOf(dated.make.apply(patient, date)), "dpn-date-1",
                "Bundle.entry[0].resource" + dated.element.substring(dated.type.length()), date);
    }

    @ParameterizedTest
    @EnumSource(Dated.class)
    void twelveHoursAheadIsAcceptedInATransaction(Dated dated) {
        String patient = intake.screeningPatient("skew-tx-" + dated.ordinal());
        intake.accepted(dated.search(patient),
                () -> intake.transactionOf(dated.make.apply(patient, fromNow(12, ChronoUnit.HOURS))));
    }
}
