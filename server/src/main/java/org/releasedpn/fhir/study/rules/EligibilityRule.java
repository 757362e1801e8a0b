package org.releasedpn.fhir.study.rules;

import static org.releasedpn.fhir.validation.ValidationIssues.ruleViolation;

import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;

/**
 * dpn-rs-3, the eligibility gate: a ResearchSubject enters {@code on-study} or
 * {@code on-study-intervention} only if the patient is 18 to 80 (completed years at period.start)
 * and the most recent TCSS total of that patient for this study, dated from period.start − 60 days
 * to period.start, is at least 9 (moderate to severe neuropathy). The error names the criterion.
 */
public final class EligibilityRule implements TrialRule {
    static final int MIN_AGE = 18;
    static final int MAX_AGE = 80;
    static final int MIN_TCSS = 9;
    static final int SCREENING_WINDOW_DAYS = 60;
    private static final Set<ResearchSubjectStatus> GATED = Set.of(ResearchSubjectStatus.ONSTUDY,
            ResearchSubjectStatus.ONSTUDYINTERVENTION);
    private static final Set<Observation.ObservationStatus> COUNTED = Set.of(Observation.ObservationStatus.FINAL,
            Observation.ObservationStatus.AMENDED, Observation.ObservationStatus.CORRECTED);

    @Override
    public String key() {
        return "dpn-rs-3";
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, TrialData data) {
        if (!(resource instanceof ResearchSubject subject) || !GATED.contains(subject.getStatus())
                || !subject.getPeriod().hasStart() || !subject.getIndividual().hasReference()) {
            return List.of(); // dpn-rs-2 (a profile invariant) already demands period.start on-study
        }
        LocalDate start = localDate(subject.getPeriod().getStartElement());
        String patientReference = subject.getIndividual().getReference();
        Optional<Patient> patient = data.patient(patientReference);
        if (patient.isEmpty() || !patient.get().hasBirthDate()) {
            return fail("ResearchSubject.individual", "age criterion: " + patientReference
                    + " has no birthDate, so the age at period.start cannot be checked");
        }
        int age = Period.between(localDate(patient.get().getBirthDateElement().getValue()), start).getYears();
        if (age < MIN_AGE || age > MAX_AGE) {
            return fail("ResearchSubject.period.start", "age criterion: the patient is " + age + " at period.start "
                    + start + "; the trial enrols " + MIN_AGE + " to " + MAX_AGE);
        }
        Optional<Observation> screening = data.tcssTotals(patientReference, subject.getStudy().getReference()).stream()
                .filter(tcss -> COUNTED.contains(tcss.getStatus()) && tcss.hasEffectiveDateTimeType())
                .filter(tcss -> inWindow(localDate(tcss.getEffectiveDateTimeType()), start))
                .max(Comparator.comparing(tcss -> tcss.getEffectiveDateTimeType().getValue()));
        if (screening.isEmpty()) {
            return fail("ResearchSubject.period.start", "baseline TCSS criterion: no TCSS total of this patient for "
                    + subject.getStudy().getReference() + " dated " + start.minusDays(SCREENING_WINDOW_DAYS) + " to " + start);
        }
        double total = screening.get().getValueQuantity().getValue().doubleValue();
        if (total < MIN_TCSS) {
            return fail("ResearchSubject.status", "TCSS criterion: the most recent TCSS total before period.start is "
                    + (long) total + " (" + screening.get().getEffectiveDateTimeType().getValueAsString()
                    + "); the trial needs at least " + MIN_TCSS);
        }
        return List.of();
    }

    private static boolean inWindow(LocalDate date, LocalDate start) {
        return !date.isAfter(start) && !date.isBefore(start.minusDays(SCREENING_WINDOW_DAYS));
    }

    private static LocalDate localDate(DateTimeType value) {
        return LocalDate.of(value.getYear(), value.getMonth() + 1, value.getDay());
    }

    private static LocalDate localDate(Date value) {
        return value.toInstant().atZone(ZoneId.systemDefault()).toLocalDate();
    }

    private List<OperationOutcomeIssueComponent> fail(String element, String text) {
        return List.of(ruleViolation(key(), element, "cannot enter on-study: " + text));
    }
}
