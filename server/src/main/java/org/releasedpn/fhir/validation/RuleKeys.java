package org.releasedpn.fhir.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * The trial's rule keys that live in its profiles as FHIRPath invariants, read from the package
 * so that a validator message can be tagged with the key it reports (contract section 3).
 */
public final class RuleKeys {
    private final List<String> keys;

    private RuleKeys(List<String> keys) {
        this.keys = keys;
    }

    public static RuleKeys from(Collection<? extends IBaseResource> conformanceResources) {
        List<String> keys = new ArrayList<>();
        for (IBaseResource resource : conformanceResources) {
            if (resource instanceof StructureDefinition profile) {
                for (ElementDefinition element : profile.getDifferential().getElement()) {
                    element.getConstraint().stream()
                            .map(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
                            .filter(key -> key != null && key.startsWith("dpn-") && !keys.contains(key))
                            .forEach(keys::add);
                }
            }
        }
        // Longest first, so that "dpn-tcss-12" would never be mistaken for "dpn-tcss-1".
        keys.sort(Comparator.comparingInt(String::length).reversed());
        return new RuleKeys(List.copyOf(keys));
    }

    /** The rule key a validator message reports, if it reports one of ours. */
    public Optional<String> foundIn(String message) {
        if (message == null) {
            return Optional.empty();
        }
        return keys.stream().filter(key -> mentions(message, key)).findFirst();
    }

    private static boolean mentions(String message, String key) {
        int at = message.indexOf(key);
        while (at >= 0) {
            int end = at + key.length();
            if (end == message.length() || !Character.isLetterOrDigit(message.charAt(end))) {
                return true;
            }
            at = message.indexOf(key, end);
        }
        return false;
    }
}
