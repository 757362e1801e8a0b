package org.releasedpn.fhir.study.ctgov;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The conditions studied: one concept per registered condition text, as the sponsor wrote it.
 * The registry's own MeSH indexing ({@code derivedSection.conditionBrowseModule.meshes}) adds
 * codings: onto the condition whose text is the MeSH term, or as a concept of its own when the
 * registry derived a term the sponsor did not write (the MeSH list is not aligned with the
 * condition list, so codings are never attached by position).
 */
final class StudyConditions {

    static final String MESH_SYSTEM = "https://www.nlm.nih.gov/mesh";

    private StudyConditions() {}

    static List<CodeableConcept> fromRegistry(RegistryNode conditions, RegistryNode meshes) {
        List<CodeableConcept> concepts = new ArrayList<>();
        for (RegistryNode condition : conditions.requiredItems()) {
            concepts.add(new CodeableConcept().setText(condition.requiredText()));
        }
        for (RegistryNode mesh : meshes.items()) {
            Coding coding = new Coding(MESH_SYSTEM, mesh.get("id").requiredText(), mesh.get("term").requiredText());
            concepts.stream()
                    .filter(concept -> sameTerm(concept.getText(), coding.getDisplay()))
                    .findFirst()
                    .ifPresentOrElse(
                            concept -> concept.addCoding(coding),
                            () -> concepts.add(new CodeableConcept(coding).setText(coding.getDisplay())));
        }
        return concepts;
    }

    private static boolean sameTerm(String text, String term) {
        return text.trim().toLowerCase(Locale.ROOT).equals(term.trim().toLowerCase(Locale.ROOT));
    }
}
