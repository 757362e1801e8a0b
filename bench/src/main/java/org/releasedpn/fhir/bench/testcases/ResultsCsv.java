package org.releasedpn.fhir.bench.testcases;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Every step's result as CSV, one row per step, agreeing or not. Fields are quoted as in RFC 4180;
 * line breaks inside a message become spaces so that each step stays one line for grep.
 */
final class ResultsCsv {
    static final String FILE_NAME = "validator-test-cases.csv";
    private static final List<String> HEADER = List.of("case", "step", "expected", "got", "http_status",
            "first_error", "agrees", "reference_first_error", "not_loaded", "settings_not_passed");

    private ResultsCsv() {
    }

    static void write(Path file, List<StepResult> results) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(row(HEADER));
            for (StepResult result : results) {
                out.write(row(List.of(result.caseName(), result.step(), result.expected().verdict().label(),
                        result.got().verdict().label(), String.valueOf(result.got().status()),
                        result.got().firstError(), String.valueOf(result.agrees()), result.expected().firstError(),
                        String.join("; ", result.notLoaded()), String.join("; ", result.settings()))));
            }
        }
    }

    static String row(List<String> fields) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(quote(fields.get(i)));
        }
        return row.append("\r\n").toString();
    }

    private static String quote(String field) {
        String flat = field.replace("\r", " ").replace("\n", " ");
        if (flat.contains(",") || flat.contains("\"")) {
            return '"' + flat.replace("\"", "\"\"") + '"';
        }
        return flat;
    }
}
