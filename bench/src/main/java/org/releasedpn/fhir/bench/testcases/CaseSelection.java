package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the R4 cases a {@code $validate} call can run. Every R4 case is kept unless it cannot be
 * posted as one FHIR resource or has nothing to compare with; cases that ask for validator settings
 * {@code $validate} cannot pass on (packages, security checks…) are kept and counted, with the
 * settings noted beside their results.
 *
 * @param included the chosen case names, in manifest order
 * @param left     the R4 cases left out, each with the reason
 */
record CaseSelection(List<String> included, Map<String, String> left) {

    static CaseSelection r4(Manifest manifest, TestCaseFiles files) throws IOException {
        List<String> included = new ArrayList<>();
        Map<String, String> left = new LinkedHashMap<>();
        for (TestCase testCase : manifest.cases()) {
            if (!testCase.isR4()) {
                continue;
            }
            Optional<String> reason = reasonToLeaveOut(testCase, files);
            if (reason.isPresent()) {
                left.put(testCase.name(), reason.get());
            } else {
                included.add(testCase.name());
            }
        }
        return new CaseSelection(List.copyOf(included), left);
    }

    /** Steps the chosen cases give: one without a profile, one more for each profile step switched on. */
    static int steps(List<TestCase> cases) {
        int steps = 0;
        for (TestCase testCase : cases) {
            steps += 1 + (testCase.profile().filter(TestCase.ProfileStep::useTest).isPresent() ? 1 : 0);
        }
        return steps;
    }

    private static Optional<String> reasonToLeaveOut(TestCase testCase, TestCaseFiles files) throws IOException {
        if (!testCase.useTest()) {
            return Optional.of("use-test is false: the reference harness does not run it either");
        }
        JsonNode java = testCase.javaOutcome();
        if (java == null) {
            return Optional.of("no expected outcome for the Java reference validator");
        }
        if (java.isTextual() && !files.exists("outcomes/" + java.asText())) {
            return Optional.of("its expected outcome file outcomes/" + java.asText() + " is not in the artifact");
        }
        Optional<ResourceFile.Format> format = ResourceFile.Format.ofFileName(testCase.file());
        if (format.isEmpty()) {
            return Optional.of(testCase.file() + " is not one resource in JSON or XML (SMART Health Card, NDJSON…)");
        }
        if (!files.exists(testCase.file())) {
            return Optional.of(testCase.file() + " is not in the artifact");
        }
        ResourceFile file = new ResourceFile(testCase.file(), files.read(testCase.file()), format.get());
        if (file.resourceType().isEmpty()) {
            return Optional.of("not a FHIR resource (" + (format.get() == ResourceFile.Format.JSON
                    ? "no resourceType" : "root element outside the FHIR namespace") + ", module " + testCase.module()
                    + "), so there is no [type] to $validate at");
        }
        return Optional.empty();
    }
}
