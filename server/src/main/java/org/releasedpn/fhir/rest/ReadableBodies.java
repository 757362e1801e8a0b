package org.releasedpn.fhir.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Makes valid bodies that HAPI's parser would refuse or lose readable to it:
 * <ul>
 * <li>a UTF-8 byte order mark before the JSON or XML (allowed by both, refused by HAPI's JSON parser);
 * <li>a repeating primitive that carries only extensions, sent as {@code "_given":[{"extension":[…]}]}
 *     with no {@code "given"} (R4 JSON format, section 2.6.2.7): HAPI 8.8.0 expects an object
 *     there and drops the extensions, while the same content with the value array present
 *     ({@code "given":[null]}) is read without loss, so that is what HAPI is given.
 * </ul>
 * JSON bodies are only rewritten when they hold such an element, so numbers, key order and
 * duplicate keys of every other body reach the parser and the validator exactly as sent.
 */
public final class ReadableBodies implements Filter {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));
    private static final byte[] ALTERNATE_ARRAY_HINT = "\"_".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        byte[] body = BufferedBodyRequest.bodyOf(http); // bounded and buffered by RequestBodyLimitFilter
        byte[] readable = withoutByteOrderMark(body);
        if (isJson(http.getContentType())) {
            readable = completed(readable);
        }
        chain.doFilter(readable == body ? request : new BufferedBodyRequest(http, readable, false), response);
    }

    private static byte[] withoutByteOrderMark(byte[] body) {
        boolean bom = body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(body, 3, body.length) : body;
    }

    /** The body with a null-filled value array beside every lone {@code _name} array; else the body itself. */
    static byte[] completed(byte[] body) {
        if (indexOf(body, ALTERNATE_ARRAY_HINT) < 0) {
            return body;
        }
        JsonNode tree;
        try {
            tree = JSON.readTree(body);
        } catch (JsonProcessingException unreadable) {
            return body; // the parser answers it with a precise 400
        } catch (IOException e) {
            return body;
        }
        if (tree == null || !complete(tree)) {
            return body;
        }
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (JsonProcessingException e) {
            return body;
        }
    }

    /** @return whether anything was added */
    private static boolean complete(JsonNode node) {
        boolean changed = false;
        if (node instanceof ObjectNode object) {
            List<String> lone = new ArrayList<>();
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (name.length() > 1 && name.startsWith("_") && object.get(name).isArray() && !object.has(name.substring(1))) {
                    lone.add(name);
                }
            }
            for (String name : lone) {
                ArrayNode values = object.putArray(name.substring(1));
                object.get(name).forEach(alternate -> values.addNull());
                changed = true;
            }
            for (JsonNode child : object) {
                changed |= complete(child);
            }
        } else if (node instanceof ArrayNode array) {
            for (JsonNode child : array) {
                changed |= complete(child);
            }
        }
        return changed;
    }

    private static boolean isJson(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")
                && !contentType.toLowerCase(Locale.ROOT).contains("json-patch");
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
