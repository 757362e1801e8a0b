package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.releasedpn.fhir.bench.CommandLine;
import org.releasedpn.fhir.bench.http.BearerToken;
import org.releasedpn.fhir.bench.http.LoopbackGuard;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Runs the HL7 validator test cases (fhir-test-cases, {@code validator} folder) against a FHIR
 * server's {@code $validate} and counts the verdict steps on which the server agrees with the Java
 * reference validator. Only the verdict is compared (any error or fatal issue means invalid), not
 * the messages: servers word their issues differently, but they should agree on what is valid.
 * With {@code --compare-create} it checks the server against itself instead: whether its
 * {@code $validate?mode=create} gives the verdict its create then acts on.
 * Exit status: 0 the run completed (whatever the agreement), 1 it could not run, 2 bad command line.
 */
public final class ValidatorTestCases {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final int PROGRESS_EVERY = 50;
    private static final Set<String> VALUE_OPTIONS = Set.of("timeout-seconds");
    private static final Set<String> FLAGS = Set.of("write-case-list", "compare-create", "allow-remote", "help");
    private static final String USAGE_TEXT = """
            usage:
              ValidatorTestCases BASE_URL TEST_CASES CASE_LIST OUT_DIR [--timeout-seconds N] [--allow-remote]
                  run the listed cases against BASE_URL; one line per disagreement, then
                  "N of M verdict steps agree"; every step in OUT_DIR/%s
              ValidatorTestCases BASE_URL TEST_CASES CASE_LIST OUT_DIR --compare-create [...]
                  per case, POST the base file to [type]/$validate?mode=create and to [type], and compare
                  the two verdicts; one line per disagreement, then "N of M cases: $validate and create
                  agree"; every case in OUT_DIR/%s
              ValidatorTestCases --write-case-list TEST_CASES CASE_LIST
                  write the R4 selection of the manifest to CASE_LIST
            TEST_CASES is the fhir-test-cases jar, or a folder holding its validator folder.
            Non-loopback base URLs need --allow-remote. --timeout-seconds: per request, default 120.
            A server that requires tokens: set FHIR_ACCESS_TOKEN (in the environment, not on the command line).
            """.formatted(ResultsCsv.FILE_NAME, CreateComparisonCsv.FILE_NAME);

    private ValidatorTestCases() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line;
        try {
            line = CommandLine.parse(args, VALUE_OPTIONS, FLAGS);
            if (line.has("help")) {
                out.print(USAGE_TEXT);
                return OK;
            }
            int expected = line.has("write-case-list") ? 2 : 4;
            if (line.positional().size() != expected) {
                throw new IllegalArgumentException("expected " + expected + " arguments, got " + line.positional().size());
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        List<String> positional = line.positional();
        try {
            if (line.has("write-case-list")) {
                return writeCaseList(Path.of(positional.get(0)), Path.of(positional.get(1)), out);
            }
            ServerUnderTest server = new ServerUnderTest(URI.create(positional.get(0)),
                    Duration.ofSeconds(line.number("timeout-seconds", 120, 1)), new LoopbackGuard(line.has("allow-remote")),
                    BearerToken.fromEnvironment(System.getenv()));
            if (line.has("compare-create")) {
                return compareCreate(server, Path.of(positional.get(1)), Path.of(positional.get(2)),
                        Path.of(positional.get(3)), out, err);
            }
            return runCases(server, Path.of(positional.get(1)), Path.of(positional.get(2)), Path.of(positional.get(3)), out, err);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return FAILED;
        }
    }

    /** Which way the disagreements go, and how many steps ran without all their supporting resources. */
    private static void printBreakdown(List<StepResult> results, PrintStream out) {
        long missedErrors = 0;
        long extraErrors = 0;
        long noVerdict = 0;
        long incomplete = 0;
        long incompleteDisagreeing = 0;
        for (StepResult result : results) {
            Verdict got = result.got().verdict();
            if (!result.agrees()) {
                if (got == Verdict.NONE) {
                    noVerdict++;
                } else if (got == Verdict.VALID) {
                    missedErrors++;
                } else {
                    extraErrors++;
                }
            }
            if (!result.notLoaded().isEmpty()) {
                incomplete++;
                incompleteDisagreeing += result.agrees() ? 0 : 1;
            }
        }
        out.println("disagreements: " + missedErrors + " server valid where the reference is invalid, " + extraErrors
                + " server invalid where the reference is valid, " + noVerdict + " without a verdict (5xx, no answer)");
        out.println(incomplete + " steps ran without some supporting resource the server did not take; "
                + incompleteDisagreeing + " of them disagree");
    }

    private static int writeCaseList(Path testCases, Path caseList, PrintStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (TestCaseFiles files = TestCaseFiles.open(testCases)) {
            Manifest manifest = Manifest.read(files.read(TestCaseFiles.MANIFEST), mapper);
            CaseSelection selection = CaseSelection.r4(manifest, files);
            List<TestCase> chosen = selection.included().stream().map(name -> manifest.named(name).orElseThrow()).toList();
            int steps = CaseSelection.steps(chosen);
            CaseList.write(caseList, selection, testCases.getFileName().toString(), steps);
            out.println(selection.included().size() + " R4 cases (" + steps + " verdict steps) written to " + caseList
                    + "; " + selection.left().size() + " left out");
        }
        return OK;
    }

    private static int runCases(ServerUnderTest server, Path testCases, Path caseList, Path outDir,
                                PrintStream out, PrintStream err) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (TestCaseFiles files = TestCaseFiles.open(testCases)) {
            List<TestCase> cases = listedCases(files, caseList, mapper);
            requireMetadata(server);
            Files.createDirectories(outDir);

            CaseRunner runner = new CaseRunner(files, server, mapper);
            List<StepResult> results = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                for (StepResult result : runner.run(cases.get(i))) {
                    results.add(result);
                    if (!result.agrees()) {
                        out.println(result.describe());
                    }
                }
                progress(i, cases.size(), err);
            }
            Path csv = outDir.resolve(ResultsCsv.FILE_NAME);
            ResultsCsv.write(csv, results);
            out.println("every step written to " + csv);
            printBreakdown(results, out);
            long agreeing = results.stream().filter(StepResult::agrees).count();
            out.println(agreeing + " of " + results.size() + " verdict steps agree");
        }
        return OK;
    }

    /**
     * The second mode: does the server's {@code $validate?mode=create} predict what its create does?
     * Only each case's base file (no profile); the reference's expectations play no part.
     */
    private static int compareCreate(ServerUnderTest server, Path testCases, Path caseList, Path outDir,
                                     PrintStream out, PrintStream err) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        try (TestCaseFiles files = TestCaseFiles.open(testCases)) {
            List<TestCase> cases = listedCases(files, caseList, mapper);
            ServerUnderTest.Reply metadata = requireMetadata(server);
            Set<String> creatable = CreatableTypes.of(mapper.readTree(metadata.body()));
            if (creatable.isEmpty()) {
                throw new IOException("the CapabilityStatement of " + server.baseUrl() + " lists no type it can create");
            }
            Files.createDirectories(outDir);

            CreateComparisonRunner runner = new CreateComparisonRunner(files, server, mapper, creatable);
            List<CreateComparison> results = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                CreateComparison result = runner.run(cases.get(i));
                results.add(result);
                if (result.compared() && !result.agrees()) {
                    out.println(result.describe());
                }
                progress(i, cases.size(), err);
            }
            Path csv = outDir.resolve(CreateComparisonCsv.FILE_NAME);
            CreateComparisonCsv.write(csv, results);
            out.println("every case written to " + csv);
            CreateComparisonReport.lines(results).forEach(out::println);
        }
        return OK;
    }

    private static List<TestCase> listedCases(TestCaseFiles files, Path caseList, ObjectMapper mapper) throws IOException {
        Manifest manifest = Manifest.read(files.read(TestCaseFiles.MANIFEST), mapper);
        List<TestCase> cases = new ArrayList<>();
        for (String name : CaseList.read(caseList)) {
            cases.add(manifest.named(name).orElseThrow(() -> new IOException(
                    caseList + " names " + name + ", which the manifest does not have")));
        }
        return cases;
    }

    private static ServerUnderTest.Reply requireMetadata(ServerUnderTest server) throws IOException {
        ServerUnderTest.Reply metadata = server.metadata();
        if (!metadata.isSuccess()) {
            throw new IOException("no CapabilityStatement from " + server.baseUrl() + "/metadata: "
                    + (metadata.status() < 0 ? metadata.body() : "HTTP " + metadata.status()));
        }
        return metadata;
    }

    private static void progress(int index, int total, PrintStream err) {
        if ((index + 1) % PROGRESS_EVERY == 0) {
            err.println("... " + (index + 1) + " of " + total + " cases");
        }
    }
}
