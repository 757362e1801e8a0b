package org.releasedpn.fhir.bench.testcases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The committed list of cases to run: one case name per line, {@code #} starts a comment. Fixing the
 * selection in a reviewable file keeps results comparable across runs and servers even when the
 * selection rules or the artifact change.
 */
final class CaseList {
    private CaseList() {
    }

    static List<String> read(Path file) throws IOException {
        List<String> names = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                names.add(name);
            }
        }
        return names;
    }

    static void write(Path file, CaseSelection selection, String artifact, int steps) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# R4 cases of the HL7 validator test cases (" + artifact + ", validator/manifest.json):");
        lines.add("# every case whose version is 4.0 or 4.0.x, except those listed at the end with the reason.");
        lines.add("# " + selection.included().size() + " cases, " + steps + " verdict steps (one without a profile,"
                + " one more for each case with a profile step).");
        lines.add("# One case name per line; '#' starts a comment. Regenerate with");
        lines.add("#   ValidatorTestCases --write-case-list <fhir-test-cases jar or folder> <this file>");
        lines.addAll(selection.included());
        lines.add("");
        lines.add("# Left out (" + selection.left().size() + "):");
        for (Map.Entry<String, String> left : selection.left().entrySet()) {
            lines.add("#   " + left.getKey() + ": " + left.getValue());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
    }
}
