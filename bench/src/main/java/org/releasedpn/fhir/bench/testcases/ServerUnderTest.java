package org.releasedpn.fhir.bench.testcases;

import org.releasedpn.fhir.bench.http.LoopbackGuard;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * The three interactions a test case needs: PUT a supporting resource at its own id, DELETE it
 * afterwards, and {@code $validate} a resource (with or without {@code ?profile=}). Bodies go out
 * byte for byte as the artifact has them, in their own format; answers are asked for in JSON.
 * Never throws for a failed exchange: status -1 and the exception text are a result like any other.
 */
final class ServerUnderTest {
    /** Status and body of one exchange; status -1 when nothing arrived, the body then says why. */
    record Reply(int status, String body) {
        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    ServerUnderTest(URI baseUrl, Duration timeout, LoopbackGuard guard) {
        String url = guard.check(baseUrl).toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    String baseUrl() {
        return base;
    }

    Reply metadata() {
        return send(request("metadata").GET().build());
    }

    Reply put(String resourceType, String id, ResourceFile resource) {
        return send(request(resourceType + "/" + encode(id))
                .header("Content-Type", resource.format().mediaType())
                .PUT(HttpRequest.BodyPublishers.ofByteArray(resource.content())).build());
    }

    Reply delete(String resourceType, String id) {
        return send(request(resourceType + "/" + encode(id)).DELETE().build());
    }

    Reply validate(String resourceType, ResourceFile resource, Optional<String> profile) {
        String path = resourceType + "/$validate" + profile.map(url -> "?profile=" + encode(url)).orElse("");
        return send(request(path)
                .header("Content-Type", resource.format().mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(resource.content())).build());
    }

    private HttpRequest.Builder request(String relative) {
        return HttpRequest.newBuilder(URI.create(base + "/" + relative))
                .timeout(timeout)
                .header("Accept", "application/fhir+json");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Reply(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted");
        }
    }
}
