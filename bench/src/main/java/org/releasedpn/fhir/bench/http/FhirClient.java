package org.releasedpn.fhir.bench.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The FHIR REST interactions the workloads use, over the JDK's HttpClient. Never throws for a
 * failed exchange: a {@link FhirResponse} with status -1 is a result like any other, so one bad
 * request cannot stop a load client.
 */
public final class FhirClient {
    private static final String FHIR_JSON = "application/fhir+json";
    private static final String FHIR_JSON_UTF8 = FHIR_JSON + "; charset=UTF-8";

    private final HttpClient http;
    private final String base;
    private final Duration requestTimeout;
    private final LoopbackGuard guard;
    private final BearerToken token;

    public FhirClient(URI baseUrl, Duration requestTimeout, LoopbackGuard guard, BearerToken token) {
        this.guard = guard;
        this.token = token;
        String url = guard.check(baseUrl).toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.requestTimeout = requestTimeout;
        // HTTP/1.1 explicitly: an h2c upgrade attempt on every new connection would distort latency.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    public String baseUrl() {
        return base;
    }

    public FhirResponse metadata() {
        return send(get(URI.create(base + "/metadata")));
    }

    public FhirResponse create(String resourceType, String json) {
        return send(post(URI.create(base + "/" + resourceType), json));
    }

    public FhirResponse update(String resourceType, String id, String json) {
        return send(request(URI.create(base + "/" + resourceType + "/" + id))
                .header("Content-Type", FHIR_JSON_UTF8)
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POST a transaction (or batch) Bundle to the base. */
    public FhirResponse transaction(String bundleJson) {
        return send(post(URI.create(base), bundleJson));
    }

    public FhirResponse validate(String resourceType, String json) {
        return send(post(URI.create(base + "/" + resourceType + "/$validate"), json));
    }

    /** {@code GET Measure/[id]/$evaluate-measure}: the endpoint's summary report over the study period. */
    public FhirResponse evaluateMeasure(String measureId) {
        return send(get(URI.create(base + "/Measure/" + measureId + "/$evaluate-measure")));
    }

    public FhirResponse search(SearchQuery query) {
        return send(get(URI.create(base + "/" + query.relativeUrl())));
    }

    /** Follows a paging link exactly as the server wrote it, after the loopback check. */
    public FhirResponse follow(String absoluteUrl) {
        URI target;
        try {
            target = guard.check(URI.create(absoluteUrl));
        } catch (IllegalArgumentException e) {
            return FhirResponse.noResponse(e, 0);
        }
        return send(get(target));
    }

    private HttpRequest get(URI uri) {
        return request(uri).GET().build();
    }

    private HttpRequest post(URI uri, String json) {
        return request(uri).header("Content-Type", FHIR_JSON_UTF8)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private HttpRequest.Builder request(URI uri) {
        return token.authorize(HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", FHIR_JSON));
    }

    private FhirResponse send(HttpRequest request) {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - start;
            return new FhirResponse(response.statusCode(), response.body(),
                    response.headers().firstValue("Location").or(() -> response.headers().firstValue("Content-Location")),
                    nanos, null);
        } catch (IOException e) {
            return FhirResponse.noResponse(e, System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return FhirResponse.noResponse(e, System.nanoTime() - start);
        }
    }
}
