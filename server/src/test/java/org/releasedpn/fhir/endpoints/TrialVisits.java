package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * A subject's visit data for the endpoint reports, stored with PUT at readable ids and dated in
 * days from the subject's day 0: TCSS totals, motor conduction velocities, CRP values, hUC-MSC
 * injections and adverse events, each built from the package's valid examples.
 */
final class TrialVisits {
    private final TrialSubjects subjects;
    private final String patientId;
    private final LocalDate dayZero;
    private int stored;

    TrialVisits(TrialSubjects subjects, String patientId, LocalDate dayZero) {
        this.subjects = subjects;
        this.patientId = patientId;
        this.dayZero = dayZero;
    }

    /** A TCSS total on {@code day}, tagged with {@code visit} unless null. */
    Observation tcss(int day, int total, String visit) {
        Observation tcss = TrialSubjects.tcssTotalObservation("Patient/" + patientId, total, dateTime(day));
        tag(tcss, visit);
        return store(tcss);
    }

    /** A motor conduction velocity of {@code nerve} on {@code side} ("7771000" left, "24028007" right); null: no response. */
    Observation motorVelocity(int day, String nerve, String side, Double metresPerSecond, String visit) {
        Observation ncv = TrialExamples.load("valid/Observation-dpn-ncs-002-sural-left.json", patientId, Observation.class);
        ncv.setSubject(new Reference("Patient/" + patientId));
        ncv.getCode().getCodingFirstRep().setCode("motor-cv").setDisplay("Motor nerve conduction velocity");
        ncv.getBodySite().getCodingFirstRep().setCode(nerve).setDisplay(null);
        ncv.getBodySite().getExtensionFirstRep().setValue(new CodeableConcept(new Coding("http://snomed.info/sct", side, null)));
        ncv.setComponent(null);
        ncv.setEffective(new DateTimeType(dateTime(day)));
        if (metresPerSecond == null) {
            ncv.setValue(null);
            ncv.setDataAbsentReason(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", "not-performed", null)).setText("no response"));
        } else {
            ncv.setDataAbsentReason(null);
            ncv.setValue(new Quantity().setValue(BigDecimal.valueOf(metresPerSecond)).setUnit("m/s")
                    .setSystem("http://unitsofmeasure.org").setCode("m/s"));
        }
        tag(ncv, visit);
        return store(ncv);
    }

    /** A CRP value in {@code unit} ("mg/L" or "mg/dL"); null value: none, with a dataAbsentReason. */
    Observation crp(int day, Double value, String unit, String visit) {
        Observation crp = TrialExamples.load("valid/Observation-dpn-crp-001-day0.json", patientId, Observation.class);
        crp.setSubject(new Reference("Patient/" + patientId));
        crp.setEffective(new DateTimeType(dateTime(day)));
        if (value == null) {
            crp.setValue(null);
            crp.setDataAbsentReason(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/data-absent-reason", "error", null)));
        } else {
            crp.setDataAbsentReason(null);
            crp.setValue(new Quantity().setValue(BigDecimal.valueOf(value)).setUnit(unit)
                    .setSystem("http://unitsofmeasure.org").setCode(unit));
        }
        tag(crp, visit);
        return store(crp);
    }

    /** An hUC-MSC injection at {@code visit} (day-0, day-7 or day-28). */
    Procedure injection(int day, String visit) {
        Procedure injection = TrialExamples.load("valid/Procedure-dpn-msc-001-day0.json", patientId, Procedure.class);
        injection.setSubject(new Reference("Patient/" + patientId));
        injection.setPerformed(new DateTimeType(dateTime(day)));
        tag(injection, visit);
        return store(injection);
    }

    /** An adverse event on {@code day}; with {@code suspect}, that injection assessed with {@code causality}. */
    AdverseEvent adverseEvent(int day, Procedure suspect, String causality) {
        AdverseEvent event = TrialExamples.load("valid/AdverseEvent-dpn-ae-001-injection-site-pain.json", patientId,
                AdverseEvent.class);
        event.setSubject(new Reference("Patient/" + patientId));
        event.setDateElement(new DateTimeType(dateTime(day)));
        event.setRecordedDateElement(new DateTimeType(dateTime(day)));
        event.setSuspectEntity(null);
        if (suspect != null) {
            event.addSuspectEntity().setInstance(new Reference("Procedure/" + suspect.getIdElement().getIdPart()))
                    .addCausality().setAssessment(new CodeableConcept(new Coding(
                            "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess", causality, null)));
        }
        return store(event);
    }

    /** The resource again, now with status entered-in-error. */
    Observation enteredInError(Observation observation) {
        observation.setStatus(Observation.ObservationStatus.ENTEREDINERROR);
        subjects.put(observation);
        return observation;
    }

    private String dateTime(int day) {
        return dayZero.plusDays(day) + "T09:00:00+08:00";
    }

    private static void tag(DomainResource tagged, String visit) {
        tagged.getExtension().removeIf(e -> TrialSubjects.VISIT.equals(e.getUrl()));
        if (visit != null) {
            tagged.addExtension(TrialSubjects.VISIT, new Coding(TrialSubjects.VISITS, visit, null));
        }
    }

    private <T extends Resource> T store(T resource) {
        resource.setId(patientId + "-" + resource.fhirType().toLowerCase() + "-" + (++stored));
        subjects.put(resource);
        return resource;
    }
}
