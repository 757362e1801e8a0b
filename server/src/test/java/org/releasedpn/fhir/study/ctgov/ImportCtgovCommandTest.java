package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code import-ctgov} command against the same test server as the operation. */
class ImportCtgovCommandTest {

    private final InMemoryStudyStore store = new InMemoryStudyStore();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private TestFhirServer server;

    @TempDir
    Path dir;

    @BeforeEach
    void startServer() throws Exception {
        server = TestFhirServer.start(store);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void importsTheRecordAndPrintsOneLinePerResource() throws Exception {
        Path record = write("NCT07183761.json", RegistryRecords.releaseDpnBytes());

        assertEquals(0, run(List.of(record.toString(), "--server", server.baseUrl()), Map.of()), err());
        assertEquals(List.of(
                "created Organization/release-dpn-sponsor (version 1)",
                "created Location/release-dpn-site-1 (version 1)",
                "created Group/release-dpn-enrolment (version 1)",
                "created PlanDefinition/release-dpn-arm-1 (version 1)",
                "created PlanDefinition/release-dpn-arm-2 (version 1)",
                "created ResearchStudy/release-dpn (version 1)"), lines(out));
    }

    @Test
    void aSecondImportReportsUpdates() throws Exception {
        Path record = write("NCT07183761.json", RegistryRecords.releaseDpnBytes());
        run(List.of(record.toString(), "--server=" + server.baseUrl()), Map.of());
        out.reset();

        assertEquals(0, run(List.of(record.toString(), "--server=" + server.baseUrl()), Map.of()), err());
        assertEquals("updated ResearchStudy/release-dpn (version 1)", lines(out).get(5));
    }

    @Test
    void theBaseUrlComesFromTheEnvironmentWithoutServerOption() throws Exception {
        Path record = write("NCT07183761.json", RegistryRecords.releaseDpnBytes());

        assertEquals(0, run(List.of(record.toString()), Map.of("FHIR_BASE_URL", server.baseUrl() + "/")), err());
        assertEquals(1, store.transactions().size());
    }

    @Test
    void aRefusedRecordExitsNonZeroWithTheServersOutcome() throws Exception {
        Path record = write("broken.json",
                RegistryRecords.bytes(RegistryRecords.without("protocolSection.statusModule.overallStatus")));

        assertEquals(1, run(List.of(record.toString(), "--server", server.baseUrl()), Map.of()));
        assertTrue(err().contains("HTTP 400"), err());
        assertTrue(err().contains("error: Registry record field protocolSection.statusModule.overallStatus is missing"
                + " (at protocolSection.statusModule.overallStatus)"), err());
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anUnreachableServerExitsNonZero() throws Exception {
        Path record = write("NCT07183761.json", RegistryRecords.releaseDpnBytes());
        String base = server.baseUrl();
        server.close();

        assertEquals(1, run(List.of(record.toString(), "--server", base), Map.of()));
        assertTrue(err().contains("cannot reach"), err());
    }

    @Test
    void wrongUsageAndMissingFilesExitWithTwo() {
        assertEquals(2, run(List.of(), Map.of()));
        assertTrue(err().contains("usage: import-ctgov FILE [--server BASE_URL]"), err());
        assertEquals(2, run(List.of("a.json", "--server"), Map.of()));
        assertEquals(2, run(List.of("a.json", "--verbose"), Map.of()));
        assertEquals(2, run(List.of("a.json", "--server", "ftp://example.org"), Map.of()));
        assertEquals(2, run(List.of(dir.resolve("absent.json").toString(), "--server", server.baseUrl()), Map.of()));
        assertTrue(err().contains("no such file"), err());
        assertEquals(0, store.transactions().size());
    }

    private int run(List<String> args, Map<String, String> environment) {
        return ImportCtgovCommand.run(args, environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> lines(ByteArrayOutputStream stream) {
        return stream.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
