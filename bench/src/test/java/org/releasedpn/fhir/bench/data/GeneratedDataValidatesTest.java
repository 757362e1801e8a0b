package org.releasedpn.fhir.bench.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.config.ServerConfig;

/**
 * The benchmark measures the server with data it accepts: every kind of resource the generator
 * makes passes the real server's $validate (profiles, terminology, invariants), in-process.
 */
class GeneratedDataValidatesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyGeneratedResourcePassesTheServersValidate(@TempDir Path dataDir) throws Exception {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("FHIR_PORT", "0", "FHIR_DATA_DIR", dataDir.toString()));
        List<GeneratedResource> sample = new TrialDataGenerator(20251001L, "validates").sampleOfEveryKind(3);
        Set<TrialResourceKind> kinds = EnumSet.noneOf(TrialResourceKind.class);
        List<String> failures = new ArrayList<>();
        try (FhirServer server = new FhirServer(config).start()) {
            HttpClient http = HttpClient.newHttpClient();
            for (GeneratedResource resource : sample) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                URI.create(server.baseUrl() + "/" + resource.resourceType() + "/$validate"))
                        .header("Content-Type", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(resource.json())).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                for (JsonNode issue : JSON.readTree(response.body()).path("issue")) {
                    String severity = issue.path("severity").asText();
                    if (severity.equals("error") || severity.equals("fatal")) {
                        failures.add(resource.kind() + ": " + issue.path("diagnostics").asText() + " at " + issue.path("expression"));
                    }
                }
                kinds.add(resource.kind());
            }
        }
        assertEquals(EnumSet.allOf(TrialResourceKind.class), kinds, "the sample covers every kind");
        assertTrue(failures.isEmpty(), "generated resources the server rejects:\n" + String.join("\n", failures));
    }
}
