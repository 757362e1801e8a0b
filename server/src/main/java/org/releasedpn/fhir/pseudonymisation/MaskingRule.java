package org.releasedpn.fhir.pseudonymisation;

import java.util.List;
import java.util.Set;

/**
 * One entry of the rules file. Its path names what it applies to, in three forms:
 * <ul>
 * <li>{@code Patient.name}, {@code Patient.contact.name}: an element of a resource type;</li>
 * <li>{@code *.text}: an element of every resource type that has it;</li>
 * <li>{@code Reference.display}: an element of a data type, wherever that type occurs;
 *     {@code Annotation}: every element of that data type, wherever it occurs.</li>
 * </ul>
 * A choice element is named with {@code [x]} ({@code Patient.deceased[x]}).
 *
 * @param path    as written in the file
 * @param owner   {@code *}, a resource type or a data type
 * @param steps   the element names after the owner; empty when the rule names a whole data type
 * @param action  what it does
 * @param systems for {@link MaskingAction#KEEP_IDENTIFIER_SYSTEMS}: the identifier systems that stay
 */
record MaskingRule(String path, String owner, List<String> steps, MaskingAction action, Set<String> systems) {
    static final String EVERY_RESOURCE = "*";

    MaskingRule {
        steps = List.copyOf(steps);
        systems = Set.copyOf(systems);
    }

    static MaskingRule parse(String path, MaskingAction action, Set<String> systems) {
        List<String> parts = List.of(path.split("\\.", -1));
        return new MaskingRule(path, parts.get(0), parts.subList(1, parts.size()), action, systems);
    }

    boolean wholeType() {
        return steps.isEmpty();
    }
}
