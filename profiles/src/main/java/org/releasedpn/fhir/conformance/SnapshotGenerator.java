package org.releasedpn.fhir.conformance;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.common.hapi.validation.validator.ProfileKnowledgeWorkerR5;
import org.hl7.fhir.common.hapi.validation.validator.WorkerContextValidationSupportAdapter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r5.conformance.profile.ProfileUtilities;
import org.hl7.fhir.r5.context.IWorkerContext;
import org.hl7.fhir.utilities.validation.ValidationMessage;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.hapi.converters.canonical.VersionCanonicalizer;

/**
 * Generates the snapshot of a differential StructureDefinition and reports every error the
 * generator finds. HAPI's SnapshotGeneratingValidationSupport does the same but drops the
 * generator's messages, and a profile with a silently broken snapshot validates nothing.
 */
final class SnapshotGenerator {

    private final FhirContext fhirContext;
    private final VersionCanonicalizer canonicalizer;
    private final IWorkerContext workerContext;

    SnapshotGenerator(FhirContext fhirContext, IValidationSupport definitions) {
        this.fhirContext = fhirContext;
        this.canonicalizer = new VersionCanonicalizer(fhirContext);
        this.workerContext = WorkerContextValidationSupportAdapter.newVersionSpecificWorkerContextWrapper(definitions);
    }

    /** The profile with its snapshot; the errors (if any) are added to {@code errors}. */
    StructureDefinition generate(StructureDefinition differential, List<String> errors) {
        org.hl7.fhir.r5.model.StructureDefinition profile =
                canonicalizer.structureDefinitionToCanonical(differential.copy());
        org.hl7.fhir.r5.model.StructureDefinition base =
                workerContext.fetchResource(org.hl7.fhir.r5.model.StructureDefinition.class, profile.getBaseDefinition());
        if (base == null) {
            errors.add(differential.getUrl() + ": unknown base definition " + profile.getBaseDefinition());
            return differential;
        }
        List<ValidationMessage> messages = new ArrayList<>();
        try {
            new ProfileUtilities(workerContext, messages, new ProfileKnowledgeWorkerR5(fhirContext))
                    .generateSnapshot(base, profile, profile.getUrl(), null, profile.getName());
        } catch (RuntimeException e) {
            errors.add(differential.getUrl() + ": snapshot generation failed: " + e.getMessage());
            return differential;
        }
        for (ValidationMessage message : messages) {
            if (message.getLevel().isError()) {
                errors.add(differential.getUrl() + ": " + message.getLocation() + ": " + message.getMessage());
            }
        }
        if (!profile.hasSnapshot() || profile.getSnapshot().getElement().isEmpty()) {
            errors.add(differential.getUrl() + ": the generator produced no snapshot");
        }
        return (StructureDefinition) canonicalizer.structureDefinitionFromCanonical(profile);
    }
}
