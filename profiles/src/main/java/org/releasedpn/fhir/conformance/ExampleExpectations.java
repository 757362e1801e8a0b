package org.releasedpn.fhir.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads {@code expectations.csv}: header {@code file,profile,outcome,ruleKey,expression,checkedBy},
 * plain comma-separated values (no quoting: none of the columns needs a comma).
 */
final class ExampleExpectations {

    static final String HEADER = "file,profile,outcome,ruleKey,expression,checkedBy";

    private ExampleExpectations() {
    }

    static List<ExampleExpectation> read(Path csv) {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + csv, e);
        }
        if (lines.isEmpty() || !HEADER.equals(lines.get(0).strip())) {
            throw new IllegalStateException(csv + " must start with the header " + HEADER);
        }
        List<ExampleExpectation> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(parse(lines.get(i), csv + " line " + (i + 1)));
            }
        }
        return rows;
    }

    static ExampleExpectation parse(String line, String where) {
        String[] columns = line.split(",", -1);
        if (columns.length != 6) {
            throw new IllegalStateException(where + ": expected 6 columns, found " + columns.length);
        }
        ExampleExpectation row;
        try {
            row = new ExampleExpectation(columns[0].strip(), columns[1].strip(),
                    ExampleExpectation.Outcome.valueOf(columns[2].strip().toUpperCase(Locale.ROOT)), columns[3].strip(),
                    columns[4].strip(), ExampleExpectation.CheckedBy.valueOf(columns[5].strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(where + ": outcome must be valid|invalid and checkedBy profile|server", e);
        }
        if (row.outcome() == ExampleExpectation.Outcome.INVALID && row.ruleKey().isEmpty()) {
            throw new IllegalStateException(where + ": an invalid example must name the rule key it breaks");
        }
        if (row.outcome() == ExampleExpectation.Outcome.INVALID && row.checkedBy() == ExampleExpectation.CheckedBy.PROFILE
                && row.expression().isEmpty()) {
            throw new IllegalStateException(where + ": a profile-checked invalid example needs the expected expression");
        }
        return row;
    }
}
