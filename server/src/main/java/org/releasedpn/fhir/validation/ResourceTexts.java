package org.releasedpn.fhir.validation;

import ca.uhn.fhir.rest.api.EncodingEnum;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Resources inside a Parameters or Bundle body, cut out of the text as sent: the {@code resource}
 * parameter of {@code $validate}, the entries of a transaction or batch. A re-encoding of HAPI's
 * lenient parse no longer shows what that parse dropped or bent (unknown elements, an array for
 * a single value, null values, duplicate keys, a DOCTYPE), so the validator found "no errors" in
 * resources that a write of the same text on its own is refused for.
 */
final class ResourceTexts {
    private static final JsonFactory JSON = new JsonFactory();
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // Only element positions are read here: no DTD, no entities resolved.
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XML.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    }

    /** One {@code parameter} or {@code entry}: its name (Parameters) and its resource as sent, each null if absent. */
    private record Member(String name, String resource) {
    }

    private ResourceTexts() {
    }

    /** The resource of the first parameter named {@code resource}; empty when the text cannot be cut. */
    static Optional<String> parameter(String parameters, EncodingEnum encoding) {
        return members(parameters, encoding, "parameter").stream()
                .filter(member -> "resource".equals(member.name()) && member.resource() != null)
                .map(Member::resource).findFirst();
    }

    /** The resource of each entry (null for an entry without), or an empty list when the text cannot be cut. */
    static List<String> entries(String bundle, EncodingEnum encoding) {
        return members(bundle, encoding, "entry").stream().map(Member::resource).toList();
    }

    private static List<Member> members(String text, EncodingEnum encoding, String member) {
        try {
            return encoding == EncodingEnum.JSON ? fromJson(text, member) : fromXml(text, member);
        } catch (IOException | XMLStreamException | RuntimeException uncuttable) {
            return List.of();
        }
    }

    private static List<Member> fromJson(String text, String arrayName) throws IOException {
        List<Member> members = new ArrayList<>();
        try (JsonParser json = JSON.createParser(text)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (json.nextToken() != JsonToken.START_ARRAY || !field.equals(arrayName)) {
                    json.skipChildren();
                    continue;
                }
                JsonToken element;
                while ((element = json.nextToken()) != JsonToken.END_ARRAY) {
                    if (element != JsonToken.START_OBJECT) {
                        return List.of(); // not what FHIR allows: the parsers report it
                    }
                    String name = null;
                    String resource = null;
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String property = json.currentName();
                        JsonToken value = json.nextToken();
                        if (property.equals("name") && value == JsonToken.VALUE_STRING) {
                            name = json.getText();
                        } else if (property.equals("resource") && value == JsonToken.START_OBJECT) {
                            int start = (int) json.currentTokenLocation().getCharOffset();
                            json.skipChildren();
                            resource = text.substring(start, (int) json.currentLocation().getCharOffset());
                        } else {
                            json.skipChildren();
                        }
                    }
                    members.add(new Member(name, resource));
                }
            }
        }
        return members;
    }

    /**
     * {@code Root/member/resource/*}: each resource element with the document's prolog (an XML
     * declaration, a DOCTYPE a write refuses) and the namespace it inherited, declared on it.
     */
    private static List<Member> fromXml(String text, String memberName) throws XMLStreamException {
        List<Member> members = new ArrayList<>();
        XMLStreamReader xml = XML.createXMLStreamReader(new StringReader(text));
        int depth = 0;
        int rootStart = -1;
        boolean inResource = false;
        String name = null;
        int start = -1;
        String namespace = null;
        String resource = null;
        boolean resourceEnded = false;
        while (xml.hasNext()) {
            int event = xml.next();
            int offset = xml.getLocation().getCharacterOffset();
            if (resourceEnded) {
                resource = text.substring(0, rootStart) + withNamespace(text.substring(start, offset), namespace);
                resourceEnded = false;
            }
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth == 1) {
                    rootStart = offset;
                } else if (depth == 2) {
                    name = null;
                    start = -1;
                    resource = null;
                } else if (depth == 3) {
                    inResource = xml.getLocalName().equals("resource");
                    if (xml.getLocalName().equals("name")) {
                        name = xml.getAttributeValue(null, "value");
                    }
                } else if (depth == 4 && inResource && start < 0) {
                    if (xml.getPrefix() != null && !xml.getPrefix().isEmpty()) {
                        return List.of(); // a prefixed resource element: left to the re-encoding
                    }
                    start = offset;
                    namespace = xml.getNamespaceURI();
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                resourceEnded = depth == 4 && inResource && start >= 0 && resource == null;
                if (depth == 2 && xml.getLocalName().equals(memberName)) {
                    members.add(new Member(name, resource));
                }
                depth--;
            }
        }
        return members;
    }

    /**
     * The element with the namespace it inherited ({@code http://hl7.org/fhir}, or whatever wrong
     * one its parent had, for the validator to report) declared on its start tag.
     */
    private static String withNamespace(String element, String namespace) {
        int nameEnd = 1;
        while (nameEnd < element.length() && !Character.isWhitespace(element.charAt(nameEnd))
                && element.charAt(nameEnd) != '>' && element.charAt(nameEnd) != '/') {
            nameEnd++;
        }
        String startTag = element.substring(0, element.indexOf('>') + 1);
        return startTag.contains("xmlns=") || namespace == null || namespace.isEmpty() ? element
                : element.substring(0, nameEnd) + " xmlns=\"" + namespace + "\"" + element.substring(nameEnd);
    }
}
