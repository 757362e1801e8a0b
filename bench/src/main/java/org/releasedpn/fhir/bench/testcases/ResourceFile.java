package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test-case file as it is sent: its bytes untouched (several cases test malformed JSON, byte order
 * marks or odd encodings, so nothing is re-serialised), plus what the runner needs to address it:
 * resource type, id and canonical URL. Files that do not parse still get a type when one can be
 * read from the text, so the server gets to judge them.
 */
final class ResourceFile {
    static final String FHIR_NAMESPACE = "http://hl7.org/fhir";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Quotes optional around the name: json-no-quotes-1 tests exactly that. */
    private static final Pattern JSON_TYPE = Pattern.compile("\"?resourceType\"?\\s*:\\s*\"([A-Za-z]+)\"");
    private static final Pattern XML_ROOT = Pattern.compile(
            "<([A-Za-z]+)\\b[^>]*\\bxmlns\\s*=\\s*[\"']" + Pattern.quote(FHIR_NAMESPACE) + "[\"']");

    enum Format {
        JSON("application/fhir+json"),
        XML("application/fhir+xml");

        private final String mediaType;

        Format(String mediaType) {
            this.mediaType = mediaType;
        }

        String mediaType() {
            return mediaType;
        }

        /** JSON or XML by file name, as the manifest gives no format of its own; empty for others. */
        static Optional<Format> ofFileName(String path) {
            if (path.endsWith(".json")) {
                return Optional.of(JSON);
            }
            if (path.endsWith(".xml")) {
                return Optional.of(XML);
            }
            return Optional.empty();
        }
    }

    /** The parsed content, for the type, id and url; what failed to parse stays empty. */
    private record Parsed(Optional<String> type, Optional<String> id, Optional<String> url) {
    }

    private final String path;
    private final byte[] content;
    private final Format format;
    private final Parsed parsed;

    ResourceFile(String path, byte[] content, Format format) {
        this.path = path;
        this.content = content;
        this.format = format;
        this.parsed = format == Format.JSON ? parseJson(content) : parseXml(content);
    }

    String path() {
        return path;
    }

    byte[] content() {
        return content;
    }

    Format format() {
        return format;
    }

    Optional<String> resourceType() {
        return parsed.type();
    }

    Optional<String> id() {
        return parsed.id();
    }

    Optional<String> url() {
        return parsed.url();
    }

    /**
     * The same resource with an id, added as text (JSON: first property; XML: first child element,
     * where FHIR requires it) so the rest of the bytes stay as they were.
     */
    ResourceFile withId(String id) {
        String text = new String(content, StandardCharsets.UTF_8);
        int at;
        String inserted;
        if (format == Format.JSON) {
            at = text.indexOf('{') + 1;
            inserted = "\"id\":\"" + id + "\",";
        } else {
            at = endOfRootStartTag(text);
            inserted = "<id value=\"" + id + "\"/>";
        }
        if (at <= 0) {
            throw new IllegalStateException(path + ": cannot find where to put an id");
        }
        String withId = text.substring(0, at) + inserted + text.substring(at);
        return new ResourceFile(path, withId.getBytes(StandardCharsets.UTF_8), format);
    }

    /** An id for a file that has none: its name without folder and extension, cut to FHIR's id rules. */
    String idFromFileName() {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String id = (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^A-Za-z0-9\\-.]", "-");
        return id.length() > 64 ? id.substring(0, 64) : id;
    }

    private static Parsed parseJson(byte[] content) {
        try {
            JsonNode root = MAPPER.readTree(content);
            if (root != null && root.isObject()) {
                return new Parsed(text(root, "resourceType"), text(root, "id"), text(root, "url"));
            }
        } catch (Exception unparsable) {
            // Malformed on purpose in some cases: fall back to the text.
        }
        Matcher type = JSON_TYPE.matcher(new String(content, StandardCharsets.UTF_8));
        return new Parsed(type.find() ? Optional.of(type.group(1)) : Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Optional<String> text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value != null && value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }

    private static Parsed parseXml(byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // Test files are untrusted input: no DTDs, no external entities.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new DefaultHandler()); // throws on fatal errors, prints nothing
            Document document = builder.parse(new ByteArrayInputStream(content));
            Element root = document.getDocumentElement();
            if (!FHIR_NAMESPACE.equals(root.getNamespaceURI())) {
                return new Parsed(Optional.empty(), Optional.empty(), Optional.empty());
            }
            return new Parsed(Optional.of(root.getLocalName()), childValue(root, "id"), childValue(root, "url"));
        } catch (Exception unparsable) {
            Matcher root = XML_ROOT.matcher(new String(content, StandardCharsets.UTF_8));
            return new Parsed(root.find() ? Optional.of(root.group(1)) : Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private static Optional<String> childValue(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && name.equals(element.getLocalName())
                    && FHIR_NAMESPACE.equals(element.getNamespaceURI())) {
                String value = element.getAttribute("value");
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }

    /** Index just past the root element's start tag, skipping the XML declaration, comments and doctype. */
    private static int endOfRootStartTag(String text) {
        int at = 0;
        while ((at = text.indexOf('<', at)) >= 0) {
            if (text.startsWith("<!--", at)) {
                at = text.indexOf("-->", at) + 3;
            } else if (text.startsWith("<?", at) || text.startsWith("<!", at)) {
                at = text.indexOf('>', at) + 1;
            } else {
                break;
            }
            if (at < 3) {
                return -1;
            }
        }
        if (at < 0) {
            return -1;
        }
        char quote = 0;
        for (int i = at; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '>') {
                return text.charAt(i - 1) == '/' ? -1 : i + 1;
            }
        }
        return -1;
    }
}
