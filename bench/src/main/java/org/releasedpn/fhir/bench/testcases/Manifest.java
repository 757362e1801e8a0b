package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code validator/manifest.json}: a {@code test-cases} array whose entries name the file to
 * validate, its FHIR {@code version}, the files to load first ({@code supporting}, alias
 * {@code profiles}), an optional {@code profile} step, and per validator implementation the expected
 * outcome ({@code java} for the HL7 Java validator, which is the reference used here).
 */
final class Manifest {
    /**
     * Keys that describe the case or other validators' expectations, or only change the reference
     * validator's logging. Every other key is a validator setting, kept as a note on the result.
     */
    private static final Set<String> PLAIN_CASE_KEYS = Set.of(
            "name", "file", "version", "module", "use-test", "supporting", "profiles", "profile", "java",
            "description", "explanation", "documentation", "comment", "tags", "debug", "txLog", "crumb-trail",
            "firely-sdk-current", "firely-sdk-wip", "brianpos", "dotnet-brianpos");
    private static final Set<String> PLAIN_PROFILE_KEYS = Set.of(
            "source", "supporting", "java", "use-test", "explanation", "debug",
            "firely-sdk-current", "firely-sdk-wip", "brianpos", "dotnet-brianpos");

    private final Map<String, TestCase> cases;

    private Manifest(Map<String, TestCase> cases) {
        this.cases = cases;
    }

    static Manifest read(byte[] json, ObjectMapper mapper) throws IOException {
        JsonNode root = mapper.readTree(json);
        JsonNode entries = root.path("test-cases");
        if (!entries.isArray()) {
            throw new IOException("manifest has no test-cases array");
        }
        Map<String, TestCase> cases = new LinkedHashMap<>();
        for (JsonNode entry : entries) {
            TestCase testCase = testCase(entry);
            // One name appears twice in 1.7.69 (ref-policy-default-r4, an R5 case); the first wins,
            // as a case list line can only name one of them.
            cases.putIfAbsent(testCase.name(), testCase);
        }
        return new Manifest(cases);
    }

    /** Every case, in manifest order. */
    List<TestCase> cases() {
        return List.copyOf(cases.values());
    }

    Optional<TestCase> named(String name) {
        return Optional.ofNullable(cases.get(name));
    }

    private static TestCase testCase(JsonNode entry) throws IOException {
        String name = entry.path("name").asText("");
        if (name.isEmpty() || !entry.hasNonNull("file")) {
            throw new IOException("manifest entry without name or file: " + entry);
        }
        List<String> supporting = new ArrayList<>(texts(entry.path("supporting")));
        for (String alias : texts(entry.path("profiles"))) {
            if (!supporting.contains(alias)) {
                supporting.add(alias);
            }
        }
        JsonNode profile = entry.path("profile");
        Optional<TestCase.ProfileStep> profileStep = profile.isObject() && profile.hasNonNull("source")
                ? Optional.of(new TestCase.ProfileStep(profile.get("source").asText(), texts(profile.path("supporting")),
                        profile.get("java"), profile.path("use-test").asBoolean(true),
                        settings(profile, PLAIN_PROFILE_KEYS)))
                : Optional.empty();
        return new TestCase(name, entry.get("file").asText(), entry.path("version").asText(""),
                entry.path("module").asText(""), entry.path("use-test").asBoolean(true), List.copyOf(supporting),
                entry.get("java"), profileStep, settings(entry, PLAIN_CASE_KEYS));
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        for (JsonNode item : array) {
            texts.add(item.asText());
        }
        return List.copyOf(texts);
    }

    private static List<String> settings(JsonNode object, Set<String> plainKeys) {
        List<String> settings = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!plainKeys.contains(field.getKey())) {
                JsonNode value = field.getValue();
                settings.add(field.getKey() + "=" + (value.isValueNode() ? value.asText() : value.toString()));
            }
        }
        return List.copyOf(settings);
    }
}
