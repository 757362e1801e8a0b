package org.releasedpn.fhir.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** An embedded H2 database in a fresh temporary directory (FHIR_DATA_DIR), deleted on close. */
final class H2Storage implements Storage {
    private final Path dataDir;

    private H2Storage(Path dataDir) {
        this.dataDir = dataDir;
    }

    static H2Storage create() {
        try {
            return new H2Storage(Files.createTempDirectory("dpn-it-h2-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("FHIR_DATA_DIR", dataDir.toString());
    }

    @Override
    public String name() {
        return "h2";
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
