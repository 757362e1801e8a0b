package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one test case against the server as the reference harness runs it against its validator:
 * load the supporting resources, validate the file without a profile, then (when the case has a
 * profile step) load that step's resources and the profile and validate again against the profile.
 * Whatever was loaded is deleted afterwards, so one case's profiles and value sets do not leak into
 * the next (the reference starts each case from a fresh context).
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
        Set<String> loaded = new LinkedHashSet<>();
        List<String> notLoaded = new ArrayList<>();
        try {
            for (String supporting : testCase.supporting()) {
                load(supporting, loaded, notLoaded);
            }
            ResourceFile target = resourceFile(testCase.file());
            results.add(new StepResult(testCase.name(), StepResult.BASE, expected(testCase.javaOutcome()),
                    validate(target, Optional.empty()), List.copyOf(notLoaded), testCase.settings()));

            Optional<TestCase.ProfileStep> profileStep = testCase.profile().filter(TestCase.ProfileStep::useTest);
            if (profileStep.isPresent()) {
                TestCase.ProfileStep step = profileStep.get();
                for (String supporting : step.supporting()) {
                    load(supporting, loaded, notLoaded);
                }
                Optional<String> profileUrl = profileUrl(step.source(), loaded, notLoaded);
                ServerVerdict got = profileUrl.isPresent()
                        ? validate(target, profileUrl)
                        : new ServerVerdict(Verdict.NONE, 0, "profile " + step.source() + " has no url");
                List<String> settings = new ArrayList<>(testCase.settings());
                settings.addAll(step.settings());
                results.add(new StepResult(testCase.name(), StepResult.PROFILE, expected(step.javaOutcome()),
                        got, List.copyOf(notLoaded), List.copyOf(settings)));
            }
        } finally {
            List<String> reversed = new ArrayList<>(loaded);
            Collections.reverse(reversed);
            for (String reference : reversed) {
                int slash = reference.indexOf('/');
                server.delete(reference.substring(0, slash), reference.substring(slash + 1));
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
    private Optional<String> profileUrl(String source, Set<String> loaded, List<String> notLoaded) throws IOException {
        if (!files.exists(source)) {
            // Seven R4 profile steps name a profile from a package (us-core, shc…) by its URL.
            return source.contains("://") ? Optional.of(source) : Optional.empty();
        }
        load(source, loaded, notLoaded);
        return resourceFile(source).url();
    }

    private void load(String path, Set<String> loaded, List<String> notLoaded) throws IOException {
        if (!files.exists(path)) {
            notLoaded.add(path + ": not in the artifact");
            return;
        }
        if (ResourceFile.Format.ofFileName(path).isEmpty()) {
            notLoaded.add(path + ": neither .json nor .xml");
            return;
        }
        ResourceFile resource = resourceFile(path);
        Optional<String> type = resource.resourceType();
        if (type.isEmpty()) {
            notLoaded.add(path + ": not a FHIR resource");
            return;
        }
        String id = resource.id().orElse(resource.idFromFileName());
        if (resource.id().isEmpty()) {
            resource = resource.withId(id);
        }
        ServerUnderTest.Reply reply = server.put(type.get(), id, resource);
        if (reply.isSuccess()) {
            loaded.add(type.get() + "/" + id);
        } else {
            ServerVerdict why = ServerVerdict.of(reply.status(), reply.body(), mapper);
            notLoaded.add(type.get() + "/" + id + ": HTTP " + reply.status()
                    + (why.firstError().isEmpty() ? "" : " " + why.firstError()));
        }
    }

    private ResourceFile resourceFile(String path) throws IOException {
        ResourceFile.Format format = ResourceFile.Format.ofFileName(path)
                .orElseThrow(() -> new IOException(path + " is neither .json nor .xml"));
        return new ResourceFile(path, files.read(path), format);
    }
}
