package org.releasedpn.fhir.study.rules;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * How a clinical resource names its trial and its patient (contract section 1): Observation and
 * Procedure through the workflow-researchStudy extension, AdverseEvent through {@code study}.
 */
final class StudyLinks {
    private StudyLinks() {
    }

    static List<String> studies(IBaseResource resource) {
        if (resource instanceof AdverseEvent event) {
            return event.getStudy().stream().map(Reference::getReference).filter(r -> r != null).toList();
        }
        if (resource instanceof Observation || resource instanceof Procedure) {
            return ((DomainResource) resource).getExtensionsByUrl(TrialCanonicals.STUDY_LINK_EXTENSION).stream()
                    .filter(extension -> extension.getValue() instanceof Reference)
                    .map(extension -> ((Reference) extension.getValue()).getReference())
                    .filter(r -> r != null).toList();
        }
        return List.of();
    }

    /** The patient the resource is about, as its reference text. */
    static Optional<String> patient(IBaseResource resource) {
        Reference subject = resource instanceof Observation observation ? observation.getSubject()
                : resource instanceof Procedure procedure ? procedure.getSubject()
                : resource instanceof AdverseEvent event ? event.getSubject()
                : resource instanceof ResearchSubject subject1 ? subject1.getIndividual()
                : null;
        return subject == null || !subject.hasReference() ? Optional.empty() : Optional.of(subject.getReference());
    }

    /** The FHIRPath of the element holding the patient, for error locations. */
    static String patientElement(IBaseResource resource) {
        return resource.fhirType() + (resource instanceof ResearchSubject ? ".individual" : ".subject");
    }
}
