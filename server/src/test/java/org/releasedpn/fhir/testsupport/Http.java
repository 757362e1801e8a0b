package org.releasedpn.fhir.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Plain HTTP/1.1 requests as curl would send them: exactly the given method, headers and bytes,
 * no FHIR client in between. Answers keep status, headers and body.
 */
public final class Http {
    public static final String FHIR_JSON = "application/fhir+json";
    public static final String FHIR_XML = "application/fhir+xml";
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private Http() {
    }

    /** A status, its headers and the body as text. */
    public record Response(int status, HttpHeaders headers, String body) {
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        /** The body parsed as a FHIR resource, in the format its Content-Type names. */
        public IBaseResource resource() {
            FhirContext context = FhirContext.forR4Cached();
            IParser parser = contentType().contains("xml") ? context.newXmlParser() : context.newJsonParser();
            return parser.parseResource(body);
        }

        public <T extends IBaseResource> T resource(Class<T> type) {
            IBaseResource parsed = resource();
            if (!type.isInstance(parsed)) {
                throw new AssertionError("Expected a " + type.getSimpleName() + " but got HTTP " + status + ": " + body);
            }
            return type.cast(parsed);
        }

        public OperationOutcome operationOutcome() {
            return resource(OperationOutcome.class);
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + contentType() + " "
                    + (body.length() > 2000 ? body.substring(0, 2000) + "..." : body);
        }
    }

    public static Response get(URI uri, String... headers) {
        return send("GET", uri, null, BodyPublishers.noBody(), headers);
    }

    public static Response delete(URI uri, String... headers) {
        return send("DELETE", uri, null, BodyPublishers.noBody(), headers);
    }

    public static Response send(String method, URI uri, String contentType, String body, String... headers) {
        return send(method, uri, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    public static Response send(String method, URI uri, String contentType, byte[] body, String... headers) {
        return send(method, uri, contentType, BodyPublishers.ofByteArray(body), headers);
    }

    /**
     * Exactly {@code method}, {@code headers} (name, value, …; no Content-Type unless among them) and
     * {@code body} (none if null); no answer within {@code timeout} is an AssertionError.
     */
    public static Response exchange(String method, URI uri, byte[] body, Duration timeout, String... headers) {
        return send(method, uri, null, body == null ? BodyPublishers.noBody() : BodyPublishers.ofByteArray(body),
                timeout, headers);
    }

    /** A body streamed without Content-Length (chunked), as a client that does not know the size sends it. */
    public static Response sendStreamed(String method, URI uri, String contentType, Supplier<InputStream> body,
                                        String... headers) {
        return send(method, uri, contentType, BodyPublishers.ofInputStream(body), headers);
    }

    /** {@code headers} are name, value, name, value, ... */
    private static Response send(String method, URI uri, String contentType, BodyPublisher body, String... headers) {
        return send(method, uri, contentType, body, TIMEOUT, headers);
    }

    private static Response send(String method, URI uri, String contentType, BodyPublisher body, Duration timeout,
                                 String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            var response = CLIENT.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (HttpTimeoutException e) {
            throw new AssertionError(method + " " + uri + " got no answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new AssertionError(method + " " + uri + " got no HTTP answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(method + " " + uri + " was interrupted", e);
        }
    }
}
