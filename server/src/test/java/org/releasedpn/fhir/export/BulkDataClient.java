package org.releasedpn.fhir.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/**
 * A Bulk Data Access v2 client following the IG's steps: kick-off with {@code Prefer:
 * respond-async}, polling the {@code Content-Location} while it answers 202, the manifest, the
 * files as NDJSON. Each step asserts what the IG requires of the server.
 */
final class BulkDataClient {
    static final String NDJSON = "application/fhir+ndjson";
    /** A small export finishes within seconds; a stuck job fails the test instead of hanging it. */
    private static final Duration LONGEST_EXPORT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FhirEndpoint fhir;
    private final String[] headers;

    BulkDataClient(FhirEndpoint fhir, String... headers) {
        this.fhir = fhir;
        this.headers = headers.clone();
    }

    /** GET [base]/[path] (e.g. {@code $export?_type=Patient}) asking for an asynchronous answer. */
    Http.Response kickOff(String path) {
        return Http.get(fhir.uri(path), with("Accept", "application/fhir+json", "Prefer", "respond-async"));
    }

    /** The poll URL of an export the server accepted. */
    URI started(String path) {
        Http.Response response = kickOff(path);
        assertEquals(202, response.status(), () -> "kick-off " + path + ": " + response);
        String location = response.header("Content-Location");
        assertNotNull(location, "202 without Content-Location");
        return URI.create(location);
    }

    Http.Response poll(URI status) {
        return Http.get(status, with("Accept", "application/json"));
    }

    /** Polls (waiting Retry-After, as the IG asks) until the manifest comes. */
    Manifest manifest(URI status) throws InterruptedException {
        Instant deadline = Instant.now().plus(LONGEST_EXPORT);
        while (true) {
            Http.Response response = poll(status);
            if (response.status() == 200) {
                return Manifest.parse(response.body());
            }
            assertEquals(202, response.status(), () -> "poll " + status + ": " + response);
            assertNotNull(response.header("X-Progress"), "202 without X-Progress");
            String retryAfter = response.header("Retry-After");
            assertNotNull(retryAfter, "202 without Retry-After");
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("The export " + status + " did not finish within " + LONGEST_EXPORT);
            }
            Thread.sleep(Math.min(1000, Long.parseLong(retryAfter.trim()) * 1000));
        }
    }

    /** Kick-off, polling and every file downloaded: the NDJSON lines by resource type. */
    Export export(String path) throws InterruptedException {
        Manifest manifest = manifest(started(path));
        Map<String, List<String>> lines = new LinkedHashMap<>();
        for (Manifest.File file : manifest.output()) {
            Http.Response response = download(file.url());
            assertEquals(200, response.status(), () -> "download " + file.url() + ": " + response);
            lines.computeIfAbsent(file.type(), type -> new ArrayList<>()).addAll(
                    Arrays.stream(response.body().split("\n")).filter(line -> !line.isBlank()).toList());
        }
        return new Export(manifest, lines);
    }

    Http.Response download(String url) {
        return Http.get(URI.create(url), with("Accept", NDJSON));
    }

    Http.Response cancel(URI status) {
        return Http.delete(status, headers);
    }

    private String[] with(String... more) {
        String[] all = Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }

    /** The complete-status body: transactionTime, request, requiresAccessToken, output[]. */
    record Manifest(JsonNode json, List<File> output) {
        record File(String type, String url) {
        }

        List<String> urls() {
            return output.stream().map(File::url).toList();
        }

        static Manifest parse(String body) {
            try {
                JsonNode json = JSON.readTree(body);
                List<File> files = new ArrayList<>();
                json.path("output").forEach(file -> files.add(new File(file.path("type").asText(), file.path("url").asText())));
                return new Manifest(json, files);
            } catch (java.io.IOException e) {
                throw new AssertionError("The manifest is not JSON: " + body, e);
            }
        }
    }

    /** What an export delivered: its manifest, and each type's NDJSON lines (one resource each). */
    record Export(Manifest manifest, Map<String, List<String>> lines) {
        int count(String type) {
            return lines.getOrDefault(type, List.of()).size();
        }

        String everything() {
            return String.join("\n", lines.values().stream().flatMap(List::stream).toList());
        }
    }
}
