package org.releasedpn.fhir.bench.testcases;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Every case of a {@code --compare-create} run as CSV, one row per case, skipped ones included. */
final class CreateComparisonCsv {
    static final String FILE_NAME = "validate-vs-create.csv";
    static final List<String> HEADER = List.of("case", "resource_type", "validate_verdict", "validate_status",
            "validate_first_error", "create_verdict", "create_status", "create_first_error", "agrees", "cleanup",
            "not_loaded", "skipped");

    private CreateComparisonCsv() {
    }

    static void write(Path file, List<CreateComparison> results) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(ResultsCsv.row(HEADER));
            for (CreateComparison result : results) {
                out.write(ResultsCsv.row(fields(result)));
            }
        }
    }

    static List<String> fields(CreateComparison result) {
        if (!result.compared()) {
            return List.of(result.caseName(), result.resourceType(), "", "", "", "", "", "", "", "", "",
                    result.skipped());
        }
        return List.of(result.caseName(), result.resourceType(),
                result.validate().verdict().label(), String.valueOf(result.validate().status()),
                result.validate().firstError(),
                result.create().verdict().label(), String.valueOf(result.create().status()),
                result.create().firstError(),
                String.valueOf(result.agrees()), result.cleanup(), String.join("; ", result.notLoaded()), "");
    }
}
