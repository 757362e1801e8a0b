package org.releasedpn.fhir.study.ctgov;

import java.util.Arrays;
import java.util.function.Function;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * Registry enumerations (arm type, primary purpose …) as FHIR concepts: coded where the FHIR code
 * system has the value, always with the registry's wording as text; a value the registry adds
 * later is kept as text rather than refused.
 */
final class RegistryVocabulary {
    private RegistryVocabulary() {
    }

    static <E extends Enum<E>> CodeableConcept fromRegistry(Class<E> vocabulary, String registered,
                                                           Function<E, CodeableConcept> toConcept) {
        return Arrays.stream(vocabulary.getEnumConstants())
                .filter(value -> value.name().equals(registered))
                .findFirst()
                .map(toConcept)
                .orElseGet(() -> new CodeableConcept().setText(registered));
    }

    static CodeableConcept concept(String system, String code, String display) {
        CodeableConcept concept = new CodeableConcept().setText(display);
        if (code != null) {
            concept.addCoding(new Coding(system, code, display));
        }
        return concept;
    }
}
