package org.releasedpn.fhir.testsupport;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * The trial package's examples and {@code examples/expectations.csv}, read from the profiles jar
 * (classpath {@code /examples/}), so the tests use exactly what the package build checks.
 *
 * <p>The examples refer to fixed ids ({@code Patient/dpn-patient-001}); {@link #load} gives every
 * id and reference to a local resource a suffix, so that each test has its own data on a shared
 * server. {@code ResearchStudy/release-dpn} is kept: it is the trial every fresh server holds.
 */
public final class TrialExamples {
    private static final String EXPECTATIONS = "expectations.csv";

    private TrialExamples() {
    }

    /**
     * One row of the expectations: {@code file,profile,outcome,ruleKey,expression,checkedBy}.
     * {@code toString} is the file name, so parameterized tests are named after their example.
     */
    public record Expectation(String file, String profile, String outcome, String ruleKey, String expression,
                              String checkedBy) {
        public boolean valid() {
            return "valid".equals(outcome);
        }

        public boolean checkedByServer() {
            return "server".equals(checkedBy);
        }

        /** The resource type, from the file name ({@code valid/Observation-...}) or the example itself. */
        public String resourceType() {
            return parse(text(file)).fhirType();
        }

        @Override
        public String toString() {
            return file;
        }
    }

    public static List<Expectation> all() {
        String[] lines = text(EXPECTATIONS).split("\\R");
        if (!lines[0].strip().equals("file,profile,outcome,ruleKey,expression,checkedBy")) {
            throw new IllegalStateException("Unexpected header of " + EXPECTATIONS + ": " + lines[0]);
        }
        List<Expectation> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] c = lines[i].split(",", -1);
            if (c.length != 6) {
                throw new IllegalStateException(EXPECTATIONS + " line " + (i + 1) + " has " + c.length + " columns");
            }
            rows.add(new Expectation(c[0].strip(), c[1].strip(), c[2].strip(), c[3].strip(), c[4].strip(), c[5].strip()));
        }
        return rows;
    }

    public static List<Expectation> valid() {
        return all().stream().filter(Expectation::valid).toList();
    }

    /** Invalid examples whose rule the profiles check (the validator alone must refuse them). */
    public static List<Expectation> invalidByProfile() {
        return all().stream().filter(row -> !row.valid() && !row.checkedByServer()).toList();
    }

    /** Invalid examples whose rule only the server's Java rules can check (they need stored data). */
    public static List<Expectation> invalidByServer() {
        return all().stream().filter(row -> !row.valid() && row.checkedByServer()).toList();
    }

    public static Expectation row(String file) {
        return all().stream().filter(row -> row.file().equals(file)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(file + " is not in " + EXPECTATIONS));
    }

    /**
     * The example {@code file} (e.g. {@code valid/Observation-dpn-tcss-001-screening.json}) with its
     * id and its references to local resources suffixed with {@code "-" + suffix}.
     */
    public static Resource load(String file, String suffix) {
        Resource example = parse(text(file));
        if (example.hasIdElement() && example.getIdElement().hasIdPart()) {
            example.setId(local(example.getIdElement().getIdPart(), suffix));
        }
        for (Reference reference : FhirContext.forR4Cached().newTerser()
                .getAllPopulatedChildElementsOfType(example, Reference.class)) {
            String target = reference.getReference();
            if (target != null && target.matches("[A-Z][A-Za-z]+/[A-Za-z0-9.-]+") && !target.startsWith("ResearchStudy/")) {
                reference.setReference(local(target, suffix));
            }
        }
        return example;
    }

    public static <T extends Resource> T load(String file, String suffix, Class<T> type) {
        return type.cast(load(file, suffix));
    }

    /** {@code id-suffix}, as {@link #load} renames ids. */
    public static String local(String id, String suffix) {
        return id + "-" + suffix;
    }

    public static String json(Resource resource) {
        return FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    public static String xml(Resource resource) {
        return FhirContext.forR4Cached().newXmlParser().setPrettyPrint(true).encodeResourceToString(resource);
    }

    static Resource parse(String json) {
        return (Resource) FhirContext.forR4Cached().newJsonParser().parseResource(json);
    }

    /** The file as shipped in the profiles jar. */
    public static String text(String file) {
        String path = "/examples/" + file;
        try (InputStream in = TrialExamples.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + path + " (from the profiles jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
