package org.releasedpn.fhir.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BenchOptionsTest {
    @Test
    void defaultsAreLoopbackAndBounded() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[]{"ingest"});
        assertEquals("http://127.0.0.1:8080/fhir", options.baseUrl().toString());
        assertEquals(1, options.clients());
        assertEquals(600, options.maxTime().toSeconds());
        assertEquals(Path.of("bench/results/ingest.json"), options.out());
        assertEquals(List.of(10_000L, 100_000L, 1_000_000L), options.sizes());
        assertNull(options.launch());
        assertNull(options.serverPid());
    }

    @Test
    void readsTheDocumentedCommandLine() throws Exception {
        BenchOptions options = BenchOptions.parse(new String[]{"startup", "--base-url=http://localhost:9000/fhir",
                "--clients", "4", "--requests", "2000", "--warmup", "200", "--out", "results/x.json",
                "--server-jar", "server/target/dpn-fhir-server.jar", "--server-env", "A=1", "--server-env", "B=x=y",
                "--jvm-opt", "-Xmx768m", "--jvm-opt", "-XX:+UseSerialGC", "--sizes", "100000,10000"});
        assertEquals(4, options.clients());
        assertEquals(2000, options.requests());
        assertEquals(200, options.warmup());
        assertEquals(Map.of("A", "1", "B", "x=y"), options.launch().environment());
        assertEquals(List.of("-Xmx768m", "-XX:+UseSerialGC"), options.launch().jvmOptions());
        assertEquals(Path.of("results/x.server.log"), options.launch().log());
        assertEquals(List.of(10_000L, 100_000L), options.sizes(), "sizes run smallest first");
        List<String> command = options.launch().command(Path.of("java"));
        assertEquals(List.of("java", "-Xmx768m", "-XX:+UseSerialGC", "-jar", "server/target/dpn-fhir-server.jar"), command);
    }

    @Test
    void rejectsTyposAndBadNumbers() {
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[]{"ingest", "--client", "4"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[]{"ingest", "--clients", "0"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[]{"ingest", "--requests"}));
        assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(new String[]{"ingest", "search"}));
    }

    @Test
    void helpWhenAskedOrWithoutWorkload() {
        assertThrows(BenchOptions.HelpRequested.class, () -> BenchOptions.parse(new String[0]));
        assertThrows(BenchOptions.HelpRequested.class, () -> BenchOptions.parse(new String[]{"--help"}));
        assertTrue(Usage.text().contains("--server-jar"));
    }
}
