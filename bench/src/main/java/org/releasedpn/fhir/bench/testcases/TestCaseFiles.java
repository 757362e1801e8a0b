package org.releasedpn.fhir.bench.testcases;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The {@code validator} folder of the fhir-test-cases artifact, read either straight from the jar
 * (no extraction step to forget or to go stale) or from an extracted copy. Paths are the ones the
 * manifest uses: relative to that folder, with forward slashes.
 */
final class TestCaseFiles implements Closeable {
    /** Where the folder sits inside the Maven artifact. */
    static final String FOLDER_IN_JAR = "org/hl7/fhir/testcases/validator/";
    static final String MANIFEST = "manifest.json";

    private final ZipFile jar;
    private final Path folder;

    private TestCaseFiles(ZipFile jar, Path folder) {
        this.jar = jar;
        this.folder = folder;
    }

    /**
     * Opens the jar, or a folder that is the validator folder itself, holds it as {@code validator/}
     * or holds the jar's whole tree.
     */
    static TestCaseFiles open(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            ZipFile jar = new ZipFile(path.toFile());
            if (jar.getEntry(FOLDER_IN_JAR + MANIFEST) == null) {
                jar.close();
                throw new IOException(path + " has no " + FOLDER_IN_JAR + MANIFEST + "; is it fhir-test-cases?");
            }
            return new TestCaseFiles(jar, null);
        }
        for (Path candidate : new Path[] {path, path.resolve("validator"), path.resolve(FOLDER_IN_JAR)}) {
            if (Files.isRegularFile(candidate.resolve(MANIFEST))) {
                return new TestCaseFiles(null, candidate);
            }
        }
        throw new IOException("no " + MANIFEST + " in " + path + ", " + path.resolve("validator")
                + " or " + path.resolve(FOLDER_IN_JAR));
    }

    boolean exists(String relative) {
        if (jar != null) {
            return jar.getEntry(FOLDER_IN_JAR + relative) != null;
        }
        return Files.isRegularFile(folder.resolve(relative));
    }

    /** @throws NoSuchFileException when the artifact has no such file */
    byte[] read(String relative) throws IOException {
        if (jar == null) {
            return Files.readAllBytes(folder.resolve(relative));
        }
        ZipEntry entry = jar.getEntry(FOLDER_IN_JAR + relative);
        if (entry == null) {
            throw new NoSuchFileException(FOLDER_IN_JAR + relative);
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() throws IOException {
        if (jar != null) {
            jar.close();
        }
    }
}
