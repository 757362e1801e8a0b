package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one test case against the server as the reference harness runs it against its validator:
 * load the supporting resources, validate the file without a profile, then (when the case has a
 * profile step) load that step's resources and the profile and validate again against the profile.
 * Whatever was loaded is deleted afterwards ({@link SupportingResources}).
 */
final class CaseRunner {
    private static final String OUTCOMES_FOLDER = "outcomes/";

    private final TestCaseFiles files;
    private final ServerUnderTest server;
    private final ObjectMapper mapper;

    CaseRunner(TestCaseFiles files, ServerUnderTest server, ObjectMapper mapper) {
        this.files = files;
        this.server = server;
        this.mapper = mapper;
    }

    List<StepResult> run(TestCase testCase) throws IOException {
        List<StepResult> results = new ArrayList<>();
        try (SupportingResources supporting = new SupportingResources(files, server, mapper)) {
            for (String path : testCase.supporting()) {
                supporting.load(path);
            }
            ResourceFile target = supporting.read(testCase.file());
            results.add(new StepResult(testCase.name(), StepResult.BASE, expected(testCase.javaOutcome()),
                    validate(target, Optional.empty()), supporting.notLoaded(), testCase.settings()));

            Optional<TestCase.ProfileStep> profileStep = testCase.profile().filter(TestCase.ProfileStep::useTest);
            if (profileStep.isPresent()) {
                TestCase.ProfileStep step = profileStep.get();
                for (String path : step.supporting()) {
                    supporting.load(path);
                }
                Optional<String> profileUrl = profileUrl(step.source(), supporting);
                ServerVerdict got = profileUrl.isPresent()
                        ? validate(target, profileUrl)
                        : new ServerVerdict(Verdict.NONE, 0, "profile " + step.source() + " has no url");
                List<String> settings = new ArrayList<>(testCase.settings());
                settings.addAll(step.settings());
                results.add(new StepResult(testCase.name(), StepResult.PROFILE, expected(step.javaOutcome()),
                        got, supporting.notLoaded(), List.copyOf(settings)));
            }
        }
        return results;
    }

    /** The reference verdict: the manifest's inline expectation, or the outcome file it names. */
    ReferenceVerdict expected(JsonNode javaOutcome) throws IOException {
        if (javaOutcome == null) {
            throw new IOException("no expected outcome for the Java validator");
        }
        JsonNode expectation = javaOutcome.isTextual()
                ? mapper.readTree(files.read(OUTCOMES_FOLDER + javaOutcome.asText()))
                : javaOutcome;
        return ReferenceVerdict.of(expectation);
    }

    private ServerVerdict validate(ResourceFile target, Optional<String> profileUrl) {
        Optional<String> type = target.resourceType();
        if (type.isEmpty()) {
            return new ServerVerdict(Verdict.NONE, 0, target.path() + " names no resource type");
        }
        ServerUnderTest.Reply reply = server.validate(type.get(), target, profileUrl);
        return ServerVerdict.of(reply.status(), reply.body(), mapper);
    }

    /** The profile's canonical URL: read from the file after loading it, or the source itself when it is a URL. */
    private Optional<String> profileUrl(String source, SupportingResources supporting) throws IOException {
        if (!files.exists(source)) {
            // Seven R4 profile steps name a profile from a package (us-core, shc…) by its URL.
            return source.contains("://") ? Optional.of(source) : Optional.empty();
        }
        supporting.load(source);
        return supporting.read(source).url();
    }
}
