package org.releasedpn.fhir.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refuses, before anything parses or stores it, text no FHIR server can keep:
 * <ul>
 * <li>a charset other than UTF-8 (FHIR's only one): 415;
 * <li>in a JSON body, a string with a lone UTF-16 surrogate ({@code "\ud800"}) or a control
 *     character other than tab, line feed and carriage return (FHIR strings exclude them, and
 *     PostgreSQL cannot store NUL): 400, naming line and column;
 * <li>a JSON number whose exponent is beyond any stored value ({@code 1e99999999}), which would
 *     otherwise make the validator expand it into a number of a hundred million digits: 400;
 * <li>a body that is not one JSON value (single quotes, text after it) or holds an empty array,
 *     which FHIR JSON excludes: 400, where HAPI's lenient reading would have let some through.
 * </ul>
 * The scan is one streaming pass over the bytes RequestBodyLimitFilter has already bounded.
 */
public final class StorableText implements Filter {
    /** Far beyond the decimals a server stores (DecimalLimits names those), far below what costs memory. */
    private static final int MAX_EXPONENT = 1000;
    /** No nesting limit of its own here: BodyStructureLimits, behind this filter, says how deep is too deep. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                    .maxNestingDepth(Integer.MAX_VALUE).build())
            .build();
    private final OperationOutcomeBody outcomes;

    public StorableText(OperationOutcomeBody outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String contentType = http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
        String charset = http.getCharacterEncoding();
        if (charset != null && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
            refuse((HttpServletResponse) response, 415, IssueType.NOTSUPPORTED, "Unsupported charset '" + charset
                    + "': FHIR bodies are UTF-8 (send Content-Type: " + contentType.split(";")[0].trim() + "; charset=utf-8)");
            return;
        }
        if (contentType.contains("json")) {
            // A JSON Patch is no FHIR JSON (empty arrays are values there), and $validate reports
            // what is wrong with the resource instead of refusing it.
            boolean fhirJson = !contentType.contains("patch") && !http.getRequestURI().contains("$validate");
            Optional<String> problem = problemIn(BufferedBodyRequest.bodyOf(http), fhirJson);
            if (problem.isPresent()) {
                refuse((HttpServletResponse) response, 400, IssueType.INVALID, problem.get());
                return;
            }
        }
        chain.doFilter(request, response);
    }

    static Optional<String> problemIn(byte[] json, boolean fhirJson) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonToken token;
            JsonToken previous = null;
            int depth = 0;
            while ((token = parser.nextToken()) != null) {
                if (fhirJson && depth == 0 && previous != null) {
                    return Optional.of("The body has more after its JSON value ends, at line "
                            + parser.currentLocation().getLineNr() + ", column " + parser.currentLocation().getColumnNr());
                }
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (fhirJson && token == JsonToken.END_ARRAY && previous == JsonToken.START_ARRAY) {
                        return Optional.of("The array '" + parser.currentName() + "' at line " + parser.currentLocation().getLineNr()
                                + " is empty, which FHIR JSON does not allow: leave the element out");
                    }
                }
                if (token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME) {
                    String text = token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
                    String what = unstorableCharacterIn(text);
                    if (what != null) {
                        return Optional.of("The JSON string at line " + parser.currentLocation().getLineNr() + ", column "
                                + parser.currentLocation().getColumnNr() + " holds " + what
                                + ", which a FHIR string cannot hold");
                    }
                } else if (token == JsonToken.VALUE_NUMBER_FLOAT && exponentOf(parser.getText()) > MAX_EXPONENT) {
                    return Optional.of("The number " + abbreviated(parser.getText()) + " at line "
                            + parser.currentLocation().getLineNr() + " is out of any range this server stores");
                }
                previous = token;
            }
            return Optional.empty();
        } catch (JsonProcessingException malformed) {
            if (!fhirJson) {
                return Optional.empty(); // HAPI answers it with its own 400
            }
            com.fasterxml.jackson.core.JsonLocation where = malformed.getLocation();
            return Optional.of("The body is not valid JSON" + (where == null ? "" : " (line " + where.getLineNr()
                    + ", column " + where.getColumnNr() + ")") + ": " + malformed.getOriginalMessage());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String unstorableCharacterIn(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                return String.format("the control character U+%04X", (int) c);
            }
            if (Character.isHighSurrogate(c) && (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1)))) {
                return String.format("a lone UTF-16 surrogate U+%04X", (int) c);
            }
            if (Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(text.charAt(i - 1)))) {
                return String.format("a lone UTF-16 surrogate U+%04X", (int) c);
            }
        }
        return null;
    }

    private static long exponentOf(String number) {
        int e = Math.max(number.indexOf('e'), number.indexOf('E'));
        if (e < 0) {
            return 0;
        }
        String digits = number.substring(e + 1).replace("+", "").replace("-", "");
        return digits.length() > 9 ? Long.MAX_VALUE : Math.abs(Long.parseLong(digits));
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    private void refuse(HttpServletResponse response, int status, IssueType type, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        response.getOutputStream().write(outcomes.error(type, message));
    }
}
