package org.releasedpn.fhir.bench.testcases;

import org.releasedpn.fhir.bench.http.BearerToken;
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
 * The interactions the test cases need: PUT a supporting resource at its own id, DELETE it
 * afterwards, {@code $validate} a resource (with or without {@code ?profile=}, or with
 * {@code ?mode=create}), and create it with a POST. Bodies go out
 * byte for byte as the artifact has them, in their own format; answers are asked for in JSON.
 * Never throws for a failed exchange: status -1 and the exception text are a result like any other.
 */
final class ServerUnderTest {
    /**
     * Status and body of one exchange; status -1 when nothing arrived, the body then says why.
     *
     * @param location the Location header, where the server sent one
     */
    record Reply(int status, String body, Optional<String> location) {
        Reply(int status, String body) {
            this(status, body, Optional.empty());
        }

        boolean isSuccess() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpClient http;
    private final String base;
    private final Duration timeout;
    private final BearerToken token;

    ServerUnderTest(URI baseUrl, Duration timeout, LoopbackGuard guard, BearerToken token) {
        this.token = token;
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
        return post(resourceType + "/$validate" + profile.map(url -> "?profile=" + encode(url)).orElse(""), resource);
    }

    /** {@code $validate} as for a create: what the server should say before a {@code POST [type]}. */
    Reply validateForCreate(String resourceType, ResourceFile resource) {
        return post(resourceType + "/$validate?mode=create", resource);
    }

    /** {@code POST [type]}: the create itself, in the same format. */
    Reply create(String resourceType, ResourceFile resource) {
        return post(resourceType, resource);
    }

    private Reply post(String path, ResourceFile resource) {
        return send(request(path)
                .header("Content-Type", resource.format().mediaType())
                .POST(HttpRequest.BodyPublishers.ofByteArray(resource.content())).build());
    }

    private HttpRequest.Builder request(String relative) {
        return token.authorize(HttpRequest.newBuilder(URI.create(base + "/" + relative))
                .timeout(timeout)
                .header("Accept", "application/fhir+json"));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("Location"));
        } catch (IOException e) {
            return new Reply(-1, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reply(-1, "interrupted");
        }
    }
}
