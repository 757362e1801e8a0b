package org.releasedpn.fhir.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.releasedpn.fhir.testsupport.Resources;

/**
 * The malformed-input corpus, {@code src/test/resources/hostile/corpus.json}, turned into cases:
 * each base body changed as its family says, with the answer it must get. The format is described
 * in {@code hostile/README.md}; this class only applies it.
 */
final class MalformedInputCorpus {
    private static final String FOLDER = "/hostile/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([^{}]+)}}");
    private static final Pattern PERCENT = Pattern.compile("(\\d+)%");
    private static final Pattern BYTES = Pattern.compile("(\\d+) bytes?");
    private static final Pattern ALL_BUT = Pattern.compile("all but (\\d+) bytes?");

    /** How an answer is judged; see {@code hostile/README.md}. */
    enum Verdict { REFUSED, ENTRY_REFUSED, REPORTED, SERVED }

    /** What the cases refer to on the server under test. */
    record Setting(String anchor, String host, String basePath) {
    }

    /**
     * One request and the answer it must get.
     *
     * @param headers   name, value, name, value …
     * @param body      null for a request without body
     * @param raw       the whole request for a socket, or null
     * @param statuses  the statuses allowed (for ENTRY_REFUSED: those of the entries)
     * @param stores    the resource types the marker could be stored in
     * @param writes    whether a served request stores the marker (false for {@code $validate})
     * @param subject   a Patient id to store before the request, or null
     * @param victim    a resource type of which one with the marker is stored first and must survive, or null
     */
    record Case(String family, String name, String method, String path, List<String> headers, byte[] body,
                byte[] raw, Verdict verdict, Set<Integer> statuses, String marker, List<String> stores,
                boolean writes, String subject, String victim) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final JsonNode corpus;
    private final Setting setting;
    private final List<Case> cases = new ArrayList<>();

    private MalformedInputCorpus(JsonNode corpus, Setting setting) {
        this.corpus = corpus;
        this.setting = setting;
    }

    /** Every case of the corpus, in the order of the file. */
    static List<Case> read(Setting setting) {
        try {
            MalformedInputCorpus reader = new MalformedInputCorpus(new ObjectMapper().readTree(resource("corpus.json")),
                    setting);
            reader.corpus.get("families").forEach(reader::addFamily);
            return List.copyOf(reader.cases);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void addFamily(JsonNode entry) {
        if (entry.has("truncate")) {
            for (String base : strings(entry.get("on"))) {
                for (String cut : strings(entry.get("truncate"))) {
                    addCase(entry, base, truncation(cut));
                }
            }
            return;
        }
        for (JsonNode definition : entry.get("cases")) {
            List<String> bases = strings(definition.has("on") ? definition.get("on") : entry.get("on"));
            if (bases.isEmpty()) {
                addCase(entry, null, definition);
            }
            for (String base : bases) {
                addCase(entry, base, definition);
            }
        }
    }

    private static ObjectNode truncation(String cut) {
        return new ObjectMapper().createObjectNode().put("name", "cut at " + cut).put("cutAt", cut);
    }

    /** One case: {@code definition} (with its family's defaults) applied to {@code base}, or a request without base. */
    private void addCase(JsonNode family, String base, JsonNode definition) {
        String format = base == null ? null : base.substring(base.lastIndexOf('.') + 1);
        JsonNode field = merged(family, definition, format);
        String marker = Resources.unique("corpus");
        JsonNode target = base == null ? null : corpus.get("targets").get(base.substring(0, base.lastIndexOf('.')));

        String request = field.has("raw") ? "raw socket"
                : text(field, "request", target == null ? null : target.get("request").asText());
        if (request == null) {
            throw new IllegalStateException("Case '" + field.get("name").asText() + "' has neither a base nor a request");
        }
        String method = request.split(" ", 2)[0];
        String path = request.contains(" ") ? request.split(" ", 2)[1] : "";

        Map<String, String> headers = new LinkedHashMap<>();
        if (format != null) {
            headers.put("Content-Type", "application/fhir+" + format);
        }
        if (field.has("headers")) {
            field.get("headers").fields().forEachRemaining(header -> headers.put(header.getKey(),
                    header.getValue().isNull() ? null : header.getValue().asText()));
        }

        boolean hasBody = base != null || field.has("body");
        String template = hasBody ? changed(base == null ? "" : expandIncludes(resourceText(base)), field, base) : "";
        String subject = template.contains("{{subject}}") ? "cs-" + marker : null;
        byte[] body = hasBody ? encoded(cut(resolved(template, marker, subject), text(field, "cutAt", null)),
                text(field, "encode", null)) : null;
        byte[] raw = field.has("raw") ? resolved(field.get("raw").asText(), marker, null) : null;

        String expect = text(field, "expect", null);
        String problem = text(field, "problem", "entry");
        Verdict verdict = Verdict.valueOf(expect);
        if (verdict == Verdict.REFUSED && problem.equals("entry") && target != null && target.has("resourceProblems")) {
            verdict = Verdict.valueOf(target.get("resourceProblems").get(format).asText());
        }
        Set<Integer> statuses = new TreeSet<>();
        if (field.has("status")) {
            field.get("status").forEach(status -> statuses.add(status.asInt()));
        } else if (verdict == Verdict.SERVED) {
            statuses.addAll(List.of(200, 201));
        } else {
            throw new IllegalStateException("Case '" + field.get("name").asText() + "' names no status");
        }
        List<String> stores = field.has("stores") ? strings(field.get("stores"))
                : target == null ? List.of() : strings(target.get("stores"));
        boolean writes = target == null || !target.has("writes") || target.get("writes").asBoolean();

        List<String> headerList = new ArrayList<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                headerList.add(name);
                headerList.add(new String(resolved(value, marker, subject), StandardCharsets.UTF_8));
            }
        });
        String name = field.get("name").asText() + (base == null ? " · " + request : " · " + base
                + (request.equals(target.get("request").asText()) ? "" : " as " + request));
        cases.add(new Case(family.get("family").asText(), name, method,
                new String(resolved(path, marker, subject), StandardCharsets.UTF_8), List.copyOf(headerList), body,
                raw, verdict, Set.copyOf(statuses), marker, stores, writes, subject, text(field, "victim", null)));
    }

    /** The case's fields over its family's, and its format's ({@code "json": {…}}) over both. */
    private static JsonNode merged(JsonNode family, JsonNode definition, String format) {
        ObjectNode merged = new ObjectMapper().createObjectNode();
        for (Iterator<String> names = family.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals("cases") && !name.equals("truncate") && !name.equals("on")) {
                merged.set(name, family.get(name));
            }
        }
        definition.fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue()));
        if (format != null && definition.has(format)) {
            definition.get(format).fields().forEachRemaining(field -> merged.set(field.getKey(), field.getValue()));
        }
        return merged;
    }

    /** The base with the case's change; each change must find what it replaces. */
    private String changed(String base, JsonNode field, String baseName) {
        String text = field.has("body") ? expandIncludes(field.get("body").asText()) : base;
        if (field.has("replace")) {
            text = replaced(text, field.get("replace").asText(), field.get("with").asText(), false, baseName);
        }
        if (field.has("replaceLast")) {
            text = replaced(text, field.get("replaceLast").asText(), field.get("withLast").asText(), true, baseName);
        }
        if (field.has("prepend")) {
            text = field.get("prepend").asText() + text;
        }
        if (field.has("append")) {
            text = text + field.get("append").asText();
        }
        return text;
    }

    private static String replaced(String text, String what, String with, boolean last, String baseName) {
        int at = last ? text.lastIndexOf(what) : text.indexOf(what);
        if (at < 0) {
            throw new IllegalStateException("'" + what + "' does not occur in " + baseName);
        }
        return text.substring(0, at) + with + text.substring(at + what.length());
    }

    private String expandIncludes(String text) {
        Matcher include = Pattern.compile("\\{\\{include:([^{}]+)}}").matcher(text);
        StringBuilder expanded = new StringBuilder();
        while (include.find()) {
            include.appendReplacement(expanded, Matcher.quoteReplacement(expandIncludes(resourceText(include.group(1)))));
        }
        return include.appendTail(expanded).toString();
    }

    /** The text with every placeholder replaced, as bytes (fragments may be bytes that are no UTF-8). */
    private byte[] resolved(String text, String marker, String subject) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int from = 0;
        while (placeholder.find()) {
            bytes.writeBytes(text.substring(from, placeholder.start()).getBytes(StandardCharsets.UTF_8));
            bytes.writeBytes(value(placeholder.group(1), marker, subject));
            from = placeholder.end();
        }
        bytes.writeBytes(text.substring(from).getBytes(StandardCharsets.UTF_8));
        return bytes.toByteArray();
    }

    private byte[] value(String name, String marker, String subject) {
        String text = switch (name) {
            case "marker" -> marker;
            case "subject" -> subject;
            case "anchor" -> setting.anchor();
            case "host" -> setting.host();
            case "basePath" -> setting.basePath();
            default -> null;
        };
        if (text != null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        JsonNode fragment = corpus.get("fragments").get(name);
        if (fragment == null) {
            throw new IllegalStateException("Unknown placeholder {{" + name + "}}");
        }
        if (fragment.has("hex")) {
            return HexFormat.ofDelimiter(" ").parseHex(fragment.get("hex").asText());
        }
        String unit = fragment.get("repeat").asText();
        String separator = fragment.has("separator") ? fragment.get("separator").asText() : "";
        return String.join(separator, Collections.nCopies(fragment.get("times").asInt(), unit))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The first bytes of {@code body}: "1 byte", "30%", "all but 1 byte"; the body itself for null. */
    private static byte[] cut(byte[] body, String cutAt) {
        if (cutAt == null) {
            return body;
        }
        Matcher percent = PERCENT.matcher(cutAt);
        Matcher allBut = ALL_BUT.matcher(cutAt);
        Matcher bytes = BYTES.matcher(cutAt);
        int keep;
        if (percent.matches()) {
            keep = body.length * Integer.parseInt(percent.group(1)) / 100;
        } else if (allBut.matches()) {
            keep = body.length - Integer.parseInt(allBut.group(1));
        } else if (bytes.matches()) {
            keep = Integer.parseInt(bytes.group(1));
        } else {
            throw new IllegalStateException("Unknown cut point '" + cutAt + "'");
        }
        return Arrays.copyOf(body, keep);
    }

    private static byte[] encoded(byte[] body, String encoding) {
        if (encoding == null) {
            return body;
        }
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] gzipped = compressed.toByteArray();
        return switch (encoding) {
            case "gzip" -> gzipped;
            case "gzip-cut-in-half" -> Arrays.copyOf(gzipped, gzipped.length / 2);
            default -> throw new IllegalStateException("Unknown encoding '" + encoding + "'");
        };
    }

    private static String text(JsonNode node, String field, String otherwise) {
        return node.has(field) ? node.get(field).asText() : otherwise;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        if (array != null) {
            array.forEach(item -> strings.add(item.asText()));
        }
        return strings;
    }

    /** A base or the corpus, without the line end its file closes with. */
    private static String resourceText(String file) {
        return new String(resource(file), StandardCharsets.UTF_8).stripTrailing();
    }

    private static byte[] resource(String file) {
        try (InputStream in = MalformedInputCorpus.class.getResourceAsStream(FOLDER + file)) {
            if (in == null) {
                throw new IllegalStateException("No " + FOLDER + file + " on the test classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
