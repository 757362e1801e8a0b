package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * What the package's examples refer to, stored before an example is sent, so that the example is
 * judged on its own rule only: the example patients as the contract expects them
 * (dpn-patient-001 in the experimental arm from 2025-10-20, dpn-patient-002 in the control arm
 * from 2025-10-22, every other one screening), their consents, and the hUC-MSC administrations an
 * AdverseEvent suspects. A ResearchSubject example gets its patient without a subject, eligible
 * at its period.start; the server-rule examples get exactly the data the profiles README names.
 */
final class ExampleWorld {
    private static final Set<ResearchSubjectStatus> ENROLLED = Set.of(ResearchSubjectStatus.ONSTUDY,
            ResearchSubjectStatus.ONSTUDYINTERVENTION, ResearchSubjectStatus.ONSTUDYOBSERVATION,
            ResearchSubjectStatus.FOLLOWUP);

    private final TrialSubjects subjects;
    private final String suffix;

    ExampleWorld(TrialSubjects subjects, String suffix) {
        this.subjects = subjects;
        this.suffix = suffix;
    }

    /** Stores what {@code example} (loaded with this world's suffix from {@code file}) refers to. */
    void prepareFor(String file, Resource example) {
        if (example instanceof ResearchSubject subject) {
            prepareForSubject(file, subject);
            return;
        }
        for (String reference : references(example)) {
            if (reference.startsWith("Patient/")) {
                enrol(reference.substring("Patient/".length()));
            }
        }
        for (String reference : references(example)) {
            if (reference.startsWith("Procedure/")) {
                String exampleId = reference.substring("Procedure/".length(), reference.length() - suffix.length() - 1);
                subjects.put(TrialExamples.load("valid/Procedure-" + exampleId + ".json", suffix));
            }
        }
    }

    private void enrol(String patientId) {
        switch (exampleNumber(patientId)) {
            case "001" -> subjects.enrolled(patientId, TrialSubjects.EXPERIMENTAL,
                    ResearchSubjectStatus.ONSTUDYINTERVENTION, "2025-10-20");
            case "002" -> subjects.enrolled(patientId, TrialSubjects.CONTROL, ResearchSubjectStatus.ONSTUDY,
                    "2025-10-22");
            default -> {
                subjects.patient(patientId, TrialSubjects.ADULT_BIRTH_DATE);
                subjects.screening(patientId);
            }
        }
    }

    private void prepareForSubject(String file, ResearchSubject subject) {
        String patientId = subject.getIndividual().getReferenceElement().getIdPart();
        if (file.equals("invalid/dpn-rs-4.json")) {
            enrol(patientId); // README: ResearchSubject/dpn-subject-001 stored first
            return;
        }
        // README: dpn-patient-090 is 17 at period.start; dpn-patient-091's latest TCSS total is below 9.
        String number = exampleNumber(patientId);
        subjects.patient(patientId, number.equals("090") ? "2008-06-01" : TrialSubjects.ADULT_BIRTH_DATE);
        if (ENROLLED.contains(subject.getStatus()) && subject.getPeriod().hasStart()) {
            int total = number.equals("091") ? 5 : 12;
            subjects.screenedWithoutSubject(patientId, total, subject.getPeriod().getStartElement().asStringValue());
        }
    }

    /** "001" of "dpn-patient-001-[suffix]". */
    private String exampleNumber(String patientId) {
        String withoutSuffix = patientId.substring(0, patientId.length() - suffix.length() - 1);
        return withoutSuffix.substring(withoutSuffix.lastIndexOf('-') + 1);
    }

    private static Set<String> references(Resource example) {
        Set<String> references = new LinkedHashSet<>();
        for (Reference reference : FhirContext.forR4Cached().newTerser()
                .getAllPopulatedChildElementsOfType(example, Reference.class)) {
            if (reference.getReference() != null) {
                references.add(reference.getReference());
            }
        }
        return references;
    }
}
