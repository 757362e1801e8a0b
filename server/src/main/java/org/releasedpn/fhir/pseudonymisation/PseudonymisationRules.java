package org.releasedpn.fhir.pseudonymisation;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of the pseudonymised view, read from the rules file ({@value #RESOURCE}, kept with the
 * trial's other data under {@code profiles/pseudonymisation/}) and checked against FHIR R4 once,
 * at start: every element a rule names must exist, and its action must fit the element's type.
 * A rule that matched nothing would hide nothing, so a mistake stops the start instead.
 *
 * @param label                   the security label every pseudonymised resource carries
 * @param unchanged               resource types the view leaves as they are (definitions, outcomes)
 * @param rules                   in file order
 * @param refusedSearchParameters search parameters (and {@code _sort} keys) refused in the view
 */
public record PseudonymisationRules(Label label, Set<String> unchanged, List<MaskingRule> rules,
                                    Set<String> refusedSearchParameters) {
    public static final String RESOURCE = "/pseudonymisation/rules.json";
    private static final Set<String> DATES = Set.of("date", "dateTime");
    /** Refused names that are not search parameters of a resource type but the server's own (_content …). */
    private static final String SPECIAL = "_";

    /** A {@code meta.security} coding. */
    public record Label(String system, String code, String display) {
    }

    public PseudonymisationRules {
        unchanged = Set.copyOf(unchanged);
        rules = List.copyOf(rules);
        refusedSearchParameters = Set.copyOf(refusedSearchParameters);
    }

    /** The rules file the server ships. */
    public static PseudonymisationRules load(FhirContext fhirContext) {
        try (InputStream in = PseudonymisationRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new InvalidPseudonymisationRules("The pseudonymisation rules " + RESOURCE + " are not on the classpath");
            }
            return read(fhirContext, in, RESOURCE);
        } catch (IOException e) {
            throw new InvalidPseudonymisationRules("The pseudonymisation rules " + RESOURCE + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** @param source the file's name, for messages */
    static PseudonymisationRules read(FhirContext fhirContext, InputStream in, String source) {
        JsonNode file;
        try {
            file = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new InvalidPseudonymisationRules(source + " is not JSON: " + e.getMessage(), e);
        }
        if (file == null || !file.isObject()) {
            throw new InvalidPseudonymisationRules(source + " must hold one JSON object");
        }
        Label label = new Label(text(file.path("label"), "system", source + " label"),
                text(file.path("label"), "code", source + " label"), file.path("label").path("display").asText(null));
        Set<String> unchanged = new LinkedHashSet<>();
        for (JsonNode type : file.path("unchanged").path("types")) {
            if (!fhirContext.getResourceTypes().contains(type.asText())) {
                throw new InvalidPseudonymisationRules(source + ": unchanged.types names '" + type.asText()
                        + "', which is not a FHIR R4 resource type");
            }
            unchanged.add(type.asText());
        }
        List<MaskingRule> rules = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : file.path("elements")) {
            String where = source + ": elements[" + index++ + "]";
            rules.add(checked(fhirContext, rule(entry, where), where));
        }
        if (rules.isEmpty()) {
            throw new InvalidPseudonymisationRules(source + " has no rules (elements)");
        }
        Set<String> refused = new LinkedHashSet<>();
        for (JsonNode name : file.path("refusedSearchParameters").path("names")) {
            refused.add(searchParameter(fhirContext, name.asText(), source));
        }
        return new PseudonymisationRules(label, unchanged, rules, refused);
    }

    private static MaskingRule rule(JsonNode entry, String where) {
        String path = text(entry, "path", where);
        String code = text(entry, "action", where);
        MaskingAction action = MaskingAction.of(code).orElseThrow(() -> new InvalidPseudonymisationRules(where + " ("
                + path + "): unknown action '" + code + "'; known: remove, year-only, keep-identifier-systems"));
        Set<String> systems = new LinkedHashSet<>();
        entry.path("systems").forEach(system -> systems.add(system.asText()));
        if (action == MaskingAction.KEEP_IDENTIFIER_SYSTEMS && systems.isEmpty()) {
            throw new InvalidPseudonymisationRules(where + " (" + path + "): keep-identifier-systems needs 'systems'");
        }
        return MaskingRule.parse(path, action, systems);
    }

    /** The rule, if every element it names exists in FHIR R4 and its action fits the element's type. */
    private static MaskingRule checked(FhirContext fhirContext, MaskingRule rule, String where) {
        String problem = problemWith(fhirContext, rule);
        if (problem != null) {
            throw new InvalidPseudonymisationRules(where + " (" + rule.path() + "): " + problem);
        }
        return rule;
    }

    private static String problemWith(FhirContext fhirContext, MaskingRule rule) {
        if (rule.steps().stream().anyMatch(String::isEmpty)) {
            return "an empty element name";
        }
        if (rule.owner().equals(MaskingRule.EVERY_RESOURCE)) {
            if (rule.wholeType()) {
                return "'*' needs an element (e.g. *.text)";
            }
            // Valid when at least one resource type has the element; types without it are skipped.
            for (String type : new TreeSet<>(fhirContext.getResourceTypes())) {
                if (fhirContext.getResourceDefinition(type).getChildByName(rule.steps().get(0)) != null) {
                    return problemAlong(fhirContext, fhirContext.getResourceDefinition(type), rule);
                }
            }
            return "no FHIR R4 resource type has an element '" + rule.steps().get(0) + "'";
        }
        if (fhirContext.getResourceTypes().contains(rule.owner())) {
            if (rule.wholeType()) {
                return "a resource type needs an element (Patient.name); to leave a type unchanged, list it under unchanged";
            }
            return problemAlong(fhirContext, fhirContext.getResourceDefinition(rule.owner()), rule);
        }
        BaseRuntimeElementDefinition<?> dataType = fhirContext.getElementDefinition(rule.owner());
        if (!(dataType instanceof BaseRuntimeElementCompositeDefinition<?> composite)
                || dataType instanceof RuntimeResourceDefinition) {
            return "'" + rule.owner() + "' is neither a FHIR R4 resource type nor a complex data type";
        }
        if (rule.wholeType()) {
            return switch (rule.action()) {
                case REMOVE -> null;
                case KEEP_IDENTIFIER_SYSTEMS -> "Identifier".equals(rule.owner()) ? null
                        : "keep-identifier-systems applies to Identifier only";
                case YEAR_ONLY -> "year-only needs a date element, not a whole data type";
            };
        }
        return problemAlong(fhirContext, composite, rule);
    }

    /** Follows the rule's element names from {@code start}; null when they all exist and the action fits. */
    private static String problemAlong(FhirContext fhirContext, BaseRuntimeElementCompositeDefinition<?> start,
                                       MaskingRule rule) {
        BaseRuntimeElementCompositeDefinition<?> current = start;
        for (int i = 0; i < rule.steps().size(); i++) {
            String step = rule.steps().get(i);
            BaseRuntimeChildDefinition child = current.getChildByName(step);
            if (child == null) {
                return current.getName() + " has no element '" + step + "' in FHIR R4";
            }
            Set<String> types = typesOf(child);
            if (i == rule.steps().size() - 1) {
                return switch (rule.action()) {
                    case REMOVE -> null;
                    case YEAR_ONLY -> types.stream().anyMatch(DATES::contains) ? null
                            : "year-only needs a date or dateTime, " + step + " is " + types;
                    case KEEP_IDENTIFIER_SYSTEMS -> types.equals(Set.of("Identifier")) ? null
                            : "keep-identifier-systems needs an Identifier, " + step + " is " + types;
                };
            }
            BaseRuntimeElementDefinition<?> next = child.getValidChildNames().size() == 1
                    ? child.getChildByName(child.getValidChildNames().iterator().next()) : null;
            if (!(next instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
                return step + " is " + types + ": the path cannot go on from it";
            }
            current = composite;
        }
        return null;
    }

    private static Set<String> typesOf(BaseRuntimeChildDefinition child) {
        Set<String> types = new TreeSet<>();
        for (String name : child.getValidChildNames()) {
            BaseRuntimeElementDefinition<?> definition = child.getChildByName(name);
            if (definition != null) {
                types.add(definition.getName());
            }
        }
        return types;
    }

    private static String searchParameter(FhirContext fhirContext, String name, String source) {
        if (name.startsWith(SPECIAL)) {
            return name;
        }
        for (String type : fhirContext.getResourceTypes()) {
            if (fhirContext.getResourceDefinition(type).getSearchParam(name) != null) {
                return name;
            }
        }
        throw new InvalidPseudonymisationRules(source + ": refusedSearchParameters names '" + name
                + "', which is no search parameter of any FHIR R4 resource type");
    }

    private static String text(JsonNode node, String field, String where) {
        String value = node.path(field).asText("");
        if (value.isBlank()) {
            throw new InvalidPseudonymisationRules(where + ": '" + field + "' is missing");
        }
        return value;
    }
}
