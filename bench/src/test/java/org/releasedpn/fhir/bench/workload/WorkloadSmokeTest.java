package org.releasedpn.fhir.bench.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.releasedpn.fhir.bench.BenchMain;
import org.releasedpn.fhir.bench.fake.FakeFhirServer;
import org.releasedpn.fhir.bench.fake.FakeFhirServerMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs every workload end to end, through the command line, with a few requests against the fake
 * endpoint, so the harness cannot rot while no real server is at hand.
 */
class WorkloadSmokeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path results;
    private FakeFhirServer server;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @BeforeEach
    void startFake() throws IOException {
        server = FakeFhirServer.start(0);
    }

    @AfterEach
    void stopFake() {
        server.close();
    }

    @Test
    void ingestEnrolsThenCreatesOneResourcePerRequest() throws IOException {
        JsonNode report = run("ingest", "--subjects", "3");
        assertEquals(3, server.requests("POST Patient"));
        assertEquals(3, server.requests("PUT ResearchSubject"));
        assertEquals(List.of("enrol", "warm-up", "measured"), phases(report));
        assertEquals(12, measured(report).path("requests").asLong());
    }

    @Test
    void transactionReportsBundlesAndResourcesPerSecond() throws IOException {
        JsonNode report = run("transaction", "--bundle-size", "10");
        JsonNode measured = measured(report);
        assertEquals(12, measured.path("requests").asLong());
        assertEquals(120, measured.path("resources").asLong());
        assertTrue(measured.path("resourcesPerSecond").asDouble() > measured.path("throughput").asDouble());
    }

    @Test
    void validatePostsToTheValidateOperation() throws IOException {
        run("validate", "--subjects", "2");
        assertEquals(15, server.requests("POST validate"));
    }

    @Test
    void endpointsAsksEveryMeasureForItsReport() throws IOException {
        JsonNode report = run("endpoints", "--preload", "20", "--subjects", "2", "--bundle-size", "10",
                "--requests", "3", "--warmup", "1");
        assertEquals(2, report.path("facts").path("subjectsEnrolled").asInt());
        for (String measure : EndpointReportWorkload.MEASURES) {
            assertTrue(phases(report).contains(measure), measure);
            report.path("phases").forEach(row -> {
                if (row.path("phase").asText().equals(measure)) {
                    assertEquals(0, row.path("errors").asInt(), measure + " answered a MeasureReport each time");
                }
            });
        }
        assertEquals(5 * 4, server.requests("GET evaluate-measure"), "one warm-up and three measured per Measure");
    }

    @Test
    void searchFollowsNextLinksThroughAllPages() throws IOException {
        JsonNode report = run("search", "--preload", "40", "--bundle-size", "10");
        assertEquals(FakeFhirServer.PAGES, report.path("facts").path("page-walk.pages").asInt());
        assertTrue(report.path("facts").path("page-walk.complete").asBoolean());
        assertTrue(operations(report, "search").contains("next page"));
    }

    @Test
    void mixedWritesAndReadsInProportion() throws IOException {
        run("mixed", "--subjects", "2", "--write-percent", "60", "--warmup", "0", "--requests", "10");
        assertEquals(4, server.requests("GET search"));
    }

    @Test
    void scaleLoadsEachSizeAndSearchesAtIt() throws IOException {
        JsonNode report = run("scale", "--sizes", "50,100", "--bundle-size", "10", "--requests", "3", "--warmup", "1");
        assertEquals(50, report.path("facts").path("resourcesLoaded@50").asLong());
        assertEquals(100, report.path("facts").path("resourcesLoaded@100").asLong());
        assertTrue(phases(report).containsAll(List.of("load@50", "search@50", "page-walk@50", "load@100", "search@100")));
    }

    @Test
    void startupLaunchesTheServerMeasuresAndStopsIt() throws IOException {
        JsonNode report = run("startup", "--server-class", FakeFhirServerMain.class.getName(),
                "--jvm-opt", "-Xmx64m", "--server-env", "DPN_EXAMPLE=1", "--subjects", "2");
        JsonNode facts = report.path("facts");
        assertTrue(facts.path("startupToReadyMs").asLong() > 0);
        assertTrue(facts.path("stoppedGracefully").asBoolean(), facts.toString());
        List<String> moments = new ArrayList<>();
        report.path("serverMemory").forEach(sample -> moments.add(sample.path("moment").asText()));
        if (Path.of("/proc/self/status").toFile().exists()) {
            assertEquals(List.of("after-start", "after-load"), moments);
        }
    }

    @Test
    void withAnAccessTokenEveryRequestCarriesItAndTheReportDoesNot() throws IOException {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJiZW5jaCJ9.c2lnbmF0dXJl";
        JsonNode report = runWith(Map.of("FHIR_ACCESS_TOKEN", token + "\n"), "search", "--preload", "40",
                "--bundle-size", "10");

        assertEquals(Set.of("Bearer " + token), server.authorizations());
        assertEquals("FHIR_ACCESS_TOKEN", report.path("settings").path("accessToken").asText(), report.toString());
        assertFalse(report.toString().contains(token));
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() throws IOException {
        runWith(Map.of(), "ingest", "--subjects", "2");

        assertEquals(Set.of(""), server.authorizations());
    }

    @Test
    void aTokenThatIsNoBearerTokenIsAUsageError() {
        int exit = BenchMain.run(new String[]{"ingest", "--base-url", server.baseUrl()},
                Map.of("FHIR_ACCESS_TOKEN", "Bearer abc"), new PrintStream(output), new PrintStream(output));

        assertEquals(BenchMain.USAGE, exit);
        assertTrue(output.toString(StandardCharsets.UTF_8).contains("FHIR_ACCESS_TOKEN is not a bearer token"));
        assertEquals(0, server.requests("GET metadata") + server.requests("POST Patient"));
    }

    @Test
    void refusesANonLoopbackTargetWithoutAllowRemote() {
        int exit = BenchMain.run(new String[]{"ingest", "--base-url", "http://192.0.2.1/fhir"},
                new PrintStream(output), new PrintStream(output));
        assertEquals(BenchMain.USAGE, exit);
    }

    private JsonNode run(String workload, String... extra) throws IOException {
        return runWith(Map.of(), workload, extra);
    }

    private JsonNode runWith(Map<String, String> environment, String workload, String... extra) throws IOException {
        Path out = results.resolve(workload + ".json");
        List<String> args = new ArrayList<>(List.of(workload, "--base-url", server.baseUrl(), "--clients", "2",
                "--requests", "12", "--warmup", "3", "--max-seconds", "60", "--progress-seconds", "1",
                "--run-id", "smoke", "--out", out.toString()));
        args.addAll(List.of(extra));
        PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8);
        int exit = BenchMain.run(args.toArray(String[]::new), environment, print, print);
        assertEquals(BenchMain.OK, exit, output.toString(StandardCharsets.UTF_8));
        return JSON.readTree(out.toFile());
    }

    private static List<String> phases(JsonNode report) {
        List<String> phases = new ArrayList<>();
        report.path("phases").forEach(phase -> {
            if (phase.path("operation").asText().equals("all")) {
                phases.add(phase.path("phase").asText());
            }
        });
        return phases;
    }

    private static List<String> operations(JsonNode report, String phase) {
        List<String> operations = new ArrayList<>();
        report.path("phases").forEach(row -> {
            if (row.path("phase").asText().equals(phase)) {
                operations.add(row.path("operation").asText());
            }
        });
        return operations;
    }

    private static JsonNode measured(JsonNode report) {
        return Stream.of(report.path("phases")).flatMap(p -> {
            List<JsonNode> rows = new ArrayList<>();
            p.forEach(rows::add);
            return rows.stream();
        }).filter(row -> row.path("phase").asText().equals("measured") && row.path("operation").asText().equals("all"))
                .findFirst().orElseThrow();
    }
}
