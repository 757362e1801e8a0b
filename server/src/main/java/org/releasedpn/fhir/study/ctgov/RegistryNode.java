package org.releasedpn.fhir.study.ctgov;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.releasedpn.fhir.study.ctgov.RegistryRecordException.Problem;

/**
 * One place in a registry record: the JSON found there (possibly nothing) together with its
 * registry path. Carrying the path along is what lets every refusal name the exact field,
 * including list positions such as {@code armGroups[1].label}.
 */
final class RegistryNode {

    private final JsonNode json;
    private final String path;

    private RegistryNode(JsonNode json, String path) {
        this.json = json;
        this.path = path;
    }

    static RegistryNode root(JsonNode json) {
        return new RegistryNode(json, "");
    }

    /** The node at a dotted path below this one; absent nodes are returned too, to be asked. */
    RegistryNode get(String dottedPath) {
        RegistryNode node = this;
        for (String name : dottedPath.split("\\.")) {
            node = new RegistryNode(node.json.path(name), node.path.isEmpty() ? name : node.path + "." + name);
        }
        return node;
    }

    String path() {
        return path;
    }

    boolean isPresent() {
        return !json.isMissingNode() && !json.isNull();
    }

    /** This node, which must be a JSON object (a registry "module" or "struct"). */
    RegistryNode requiredObject() {
        if (!isPresent()) {
            throw missing();
        }
        if (!json.isObject()) {
            throw invalid("is not an object");
        }
        return this;
    }

    /** The text here exactly as registered (not trimmed: arm labels are matched exactly); blank counts as absent. */
    Optional<String> text() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isTextual()) {
            throw invalid("is " + json + ", not text");
        }
        return json.asText().isBlank() ? Optional.empty() : Optional.of(json.asText());
    }

    String requiredText() {
        return text().orElseThrow(this::missing);
    }

    /** The texts of a list of strings, blanks skipped; an absent list is empty. */
    List<String> texts() {
        List<String> texts = new ArrayList<>();
        for (RegistryNode item : items()) {
            item.text().ifPresent(texts::add);
        }
        return texts;
    }

    /** The elements of a list, each with its indexed path; an absent list is empty. */
    List<RegistryNode> items() {
        if (!isPresent()) {
            return List.of();
        }
        if (!json.isArray()) {
            throw invalid("is not a list");
        }
        List<RegistryNode> items = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            items.add(new RegistryNode(json.get(i), path + "[" + i + "]"));
        }
        return items;
    }

    List<RegistryNode> requiredItems() {
        List<RegistryNode> items = items();
        if (items.isEmpty()) {
            throw missing();
        }
        return items;
    }

    Optional<Integer> integer() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isIntegralNumber() || !json.canConvertToInt() || json.intValue() < 0) {
            throw invalid("is " + json + ", not a whole number of zero or more");
        }
        return Optional.of(json.intValue());
    }

    /** A decimal kept as written in the record (no binary floating point), so coordinates round-trip. */
    Optional<BigDecimal> decimal() {
        if (!isPresent()) {
            return Optional.empty();
        }
        if (!json.isNumber()) {
            throw invalid("is " + json + ", not a number");
        }
        return Optional.of(json.decimalValue());
    }

    RegistryRecordException missing() {
        return new RegistryRecordException(path, Problem.MISSING, "is missing");
    }

    /** A refusal of this field; {@code detail} completes "Registry record field PATH ...". */
    RegistryRecordException invalid(String detail) {
        return new RegistryRecordException(path, Problem.INVALID, detail);
    }
}
