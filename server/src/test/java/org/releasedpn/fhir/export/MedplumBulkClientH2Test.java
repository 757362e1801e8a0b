package org.releasedpn.fhir.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.study.SubjectsGroup;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.SharedH2Server;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * A Bulk Data client written by others works unchanged against the export: Medplum's command-line
 * client ({@code medplum bulk export}, npm package {@code @medplum/cli}, the version pinned in
 * {@code src/test/bulk-client/package-lock.json} and installed with {@code npm ci}) exports the
 * trial's subjects Group from the shared H2 server (loopback, no token) and writes one NDJSON file
 * per type, which this test reads. The client kicks off with POST, polls the Content-Location
 * every second until 200, and downloads each file of the manifest.
 */
@ExtendWith(SharedH2Server.class)
class MedplumBulkClientH2Test {
    private static final Path PACKAGE = Path.of("src/test/bulk-client");
    private static final Path INSTALLED = Path.of("target/bulk-client");
    private static final long INSTALL_MINUTES = 10;
    private static final long EXPORT_MINUTES = 5;

    @TempDir
    Path work;

    @Test
    void medplumsClientExportsTheTrialsSubjects(FhirServer server) throws Exception {
        FhirEndpoint fhir = new FhirEndpoint(server);
        String patient = Resources.unique("medplum");
        new TrialSubjects(fhir).enrolled(patient, TrialSubjects.CONTROL, ResearchSubjectStatus.ONSTUDY, "2025-01-10");
        List<String> members = Http.get(fhir.uri("Group/" + SubjectsGroup.GROUP_ID)).resource(Group.class)
                .getMember().stream().map(member -> member.getEntity().getReference()).toList();
        Path files = Files.createDirectories(work.resolve("files"));

        Process client = run(List.of(medplum().toString(), "bulk", "export",
                "--export-level", "Group/" + SubjectsGroup.GROUP_ID, "--types", "Patient,ResearchSubject",
                "--base-url", "http://127.0.0.1:" + server.port() + "/", "--fhir-url-path", "fhir",
                "--target-directory", files.toString()), EXPORT_MINUTES);

        String output = Files.readString(work.resolve("client.log"));
        assertEquals(0, client.exitValue(), output);
        Map<String, List<IBaseResource>> exported = readFiles(files);
        assertEquals(List.of("Patient", "ResearchSubject"), List.copyOf(exported.keySet()), output);
        List<String> patients = exported.get("Patient").stream()
                .map(resource -> resource.getIdElement().toUnqualifiedVersionless().getValue()).sorted().toList();
        assertEquals(members.stream().sorted().toList(), patients, "the Group's members, each once");
        assertTrue(exported.get("ResearchSubject").stream().map(ResearchSubject.class::cast)
                .anyMatch(subject -> subject.getIndividual().getReference().equals("Patient/" + patient)), output);
    }

    /** Each file the client wrote (it names them after type and URL), parsed line by line, by type. */
    private static Map<String, List<IBaseResource>> readFiles(Path directory) throws IOException {
        IParser json = FhirContext.forR4Cached().newJsonParser();
        Map<String, List<IBaseResource>> byType = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".ndjson")).toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        IBaseResource resource = json.parseResource(line);
                        byType.computeIfAbsent(resource.fhirType(), type -> new ArrayList<>()).add(resource);
                    }
                }
            }
        }
        return byType;
    }

    /**
     * The client's command, installed from the pinned lock file into target/ when it is not there
     * yet or the lock file changed ({@code npm ci}: exactly the locked versions).
     */
    private Path medplum() throws Exception {
        Path lock = INSTALLED.resolve("package-lock.json");
        Path command = INSTALLED.resolve("node_modules/.bin/medplum");
        boolean current = Files.isExecutable(command) && Files.exists(lock)
                && Arrays.equals(Files.readAllBytes(lock), Files.readAllBytes(PACKAGE.resolve("package-lock.json")));
        if (!current) {
            Files.createDirectories(INSTALLED);
            for (String file : List.of("package.json", "package-lock.json")) {
                Files.copy(PACKAGE.resolve(file), INSTALLED.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Process install = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                    .directory(INSTALLED.toFile()).redirectErrorStream(true).start();
            String log = new String(install.getInputStream().readAllBytes());
            assertTrue(install.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES), "npm ci did not finish");
            assertEquals(0, install.exitValue(), "npm ci in " + INSTALLED + ":\n" + log);
        }
        return command.toAbsolutePath();
    }

    /** Runs {@code command} with its own HOME (the client keeps its profiles there), waiting at most {@code minutes}. */
    private Process run(List<String> command, long minutes) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve("client.log").toFile());
        builder.environment().put("HOME", Files.createDirectories(work.resolve("home")).toString());
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("medplum bulk export did not finish within " + minutes + " minutes: "
                    + Files.readString(work.resolve("client.log")));
        }
        return process;
    }
}
