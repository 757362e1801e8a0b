package org.releasedpn.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.IParserErrorHandler.IParseLocation;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Reads the body of every write strictly before HAPI reads it leniently. HAPI's parser drops
 * unknown elements with a log line; an EHR must instead hear that its message was not understood
 * (400), so that nothing it sent is silently lost. Also refuses bodies in a media type that is
 * not FHIR JSON or XML (415), bytes that are not UTF-8, XML whose root is outside the FHIR
 * namespace, and transaction or batch entries that do not say what to do ({@link BundleRequests}).
 */
@Interceptor
public final class StrictRequestBodyInterceptor {
    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(
            RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.TRANSACTION, RestOperationTypeEnum.PATCH);

    private static final String JSON_PATCH = "application/json-patch+json";
    private static final String FHIR_NAMESPACE = "http://hl7.org/fhir";
    private static final Pattern HAPI_POSITION =
            Pattern.compile("HAPI-\\d+: \\w*Exception at \\[\\[row,col \\{[^}]*}]: \\[(\\d+),(\\d+)]]: ");
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("\\b(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ");
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        // Only the root element is looked at: no DTD, no entities resolved.
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private final FhirContext fhirContext;

    public StrictRequestBodyInterceptor(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /**
     * Before HAPI reads the body (it would answer 400 for a wrong media type): a create, update,
     * patch or transaction must come as FHIR JSON or XML, or JSON Patch for a patch.
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean checkMediaType(RequestDetails request) {
        RequestTypeEnum method = request.getRequestType();
        boolean write = method == RequestTypeEnum.POST || method == RequestTypeEnum.PUT || method == RequestTypeEnum.PATCH;
        if (!write || request.getOperation() != null) {
            return true; // reads, and operations ($validate, _search …) read their own bodies
        }
        String mediaType = mediaTypeOf(request.getHeader("Content-Type"));
        boolean jsonPatch = method == RequestTypeEnum.PATCH && mediaType.equals(JSON_PATCH);
        if (!jsonPatch && encodingOf(mediaType) == null) {
            throw new UnclassifiedServerFailureException(415, "Unsupported Content-Type '" + mediaType + "' for "
                    + method + " " + request.getRequestPath() + ": send application/fhir+json or application/fhir+xml"
                    + (method == RequestTypeEnum.PATCH ? " (or " + JSON_PATCH + ")" : ""));
        }
        return true;
    }

    /** After HAPI's lenient parse: the same body read strictly, so nothing it dropped goes unnoticed. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void readBodyStrictly(RequestDetails request, RestOperationTypeEnum operation) {
        if (!WRITES.contains(operation)) {
            return;
        }
        byte[] body = request.loadRequestContents();
        if (body == null || body.length == 0) {
            throw new InvalidRequestException("The " + operation.getCode() + " request has no body");
        }
        notUtf8(body).ifPresent(problem -> {
            throw new InvalidRequestException(problem);
        });
        EncodingEnum encoding = encodingOf(mediaTypeOf(request.getHeader("Content-Type")));
        if (encoding == null) {
            return; // a JSON Patch document: not a resource; the patched result is validated
        }
        if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            BundleRequests.check(bundle);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (encoding == EncodingEnum.JSON && request.getResource() instanceof Bundle bundle
                && bundle.getType() == Bundle.BundleType.BATCH) {
            // A batch answers entry by entry, so an entry that cannot be read fails alone.
            BatchEntries.readStrictly(text, bundle, this::strictlyUnreadable);
            return;
        }
        strictlyUnreadable(text, encoding).ifPresent(problem -> {
            throw new InvalidRequestException("The body is not a valid FHIR " + encoding.getFormatContentType()
                    + " resource: " + problem);
        });
    }

    /** A batch entry that did not read strictly fails when HAPI comes to store it (400 in its response). */
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -100)
    public void refuseUnreadableCreate(IBaseResource resource) {
        BatchEntries.refuseIfUnreadable(resource);
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -100)
    public void refuseUnreadableUpdate(IBaseResource previous, IBaseResource resource) {
        BatchEntries.refuseIfUnreadable(resource);
    }

    /**
     * What a strict parse of {@code text} objects to, if anything: the write's reading, which
     * {@code $validate} in mode create or update applies too.
     */
    public Optional<String> strictlyUnreadable(String text, EncodingEnum encoding) {
        if (encoding == EncodingEnum.XML) {
            Optional<String> outside = rootOutsideFhir(text);
            if (outside.isPresent()) {
                return outside;
            }
        }
        IParser parser = encoding.newParser(fhirContext).setParserErrorHandler(new StrictReading());
        try {
            parser.parseResource(text);
            return Optional.empty();
        } catch (DataFormatException e) {
            return Optional.of(readable(e.getMessage()));
        }
    }

    /**
     * What is wrong with bytes that should be UTF-8 (the only charset of FHIR), if anything: a
     * decoder that replaced them would store characters the client never sent.
     */
    public static Optional<String> notUtf8(byte[] body) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer bytes = ByteBuffer.wrap(body);
        try {
            decoder.decode(bytes);
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of("The body is not valid UTF-8 (the only charset of FHIR): byte " + bytes.position()
                    + " starts no UTF-8 character");
        }
    }

    /**
     * HAPI's XML parser reads a root element in any namespace, or in none, as FHIR (a Bundle in
     * another namespace was carried out); FHIR XML is in {@value #FHIR_NAMESPACE}.
     */
    public static Optional<String> rootOutsideFhir(String xml) {
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new StringReader(xml));
            while (reader.hasNext()) {
                if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                    return FHIR_NAMESPACE.equals(reader.getNamespaceURI()) ? Optional.empty()
                            : Optional.of("the root element <" + reader.getLocalName() + "> is not in the FHIR namespace "
                            + FHIR_NAMESPACE);
                }
            }
            return Optional.empty();
        } catch (XMLStreamException unreadable) {
            return Optional.empty(); // the parser reports what is wrong
        }
    }

    /** HAPI's parse error without the Java class names it carries ("DataFormatException at [[row,col …]]"). */
    private static String readable(String message) {
        return HAPI_POSITION.matcher(EXCEPTION_CLASS.matcher(message).replaceAll("")).replaceAll("at line $1, column $2: ");
    }

    /** Strict, except for {@code xsi:schemaLocation}, which FHIR XML allows on the root and which carries no data. */
    private static final class StrictReading extends StrictErrorHandler {
        @Override
        public void unknownAttribute(IParseLocation location, String attributeName) {
            if (!"schemaLocation".equals(attributeName)) {
                super.unknownAttribute(location, attributeName);
            }
        }
    }

    private static String mediaTypeOf(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static EncodingEnum encodingOf(String mediaType) {
        return switch (mediaType) {
            case "application/fhir+json", "application/json+fhir", "application/json" -> EncodingEnum.JSON;
            case "application/fhir+xml", "application/xml+fhir", "application/xml", "text/xml" -> EncodingEnum.XML;
            default -> null;
        };
    }
}
