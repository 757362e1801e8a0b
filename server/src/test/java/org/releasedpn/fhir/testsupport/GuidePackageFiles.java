package org.releasedpn.fhir.testsupport;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.hl7.fhir.r4.model.Resource;

/**
 * Small FHIR packages the tests build themselves, as an operator would get them: a {@code .tgz}
 * file, or unpacked into a package cache folder ({@code <cache>/<name>#<version>/package/…}).
 */
public final class GuidePackageFiles {
    private final String name;
    private final String version;
    private final Map<String, String> dependencies = new LinkedHashMap<>();
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public GuidePackageFiles(String name, String version) {
        this.name = name;
        this.version = version;
    }

    public GuidePackageFiles dependsOn(String dependency, String dependencyVersion) {
        dependencies.put(dependency, dependencyVersion);
        return this;
    }

    public GuidePackageFiles with(Resource resource) {
        files.put(resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json",
                FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public Path writeTgz(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
            for (Map.Entry<String, byte[]> entry : allFiles().entrySet()) {
                TarArchiveEntry tarEntry = new TarArchiveEntry("package/" + entry.getKey());
                tarEntry.setSize(entry.getValue().length);
                tar.putArchiveEntry(tarEntry);
                tar.write(entry.getValue());
                tar.closeArchiveEntry();
            }
        }
        return file;
    }

    public void unpackInto(Path cache) throws IOException {
        Path folder = cache.resolve(name + "#" + version).resolve("package");
        Files.createDirectories(folder);
        for (Map.Entry<String, byte[]> entry : allFiles().entrySet()) {
            Files.write(folder.resolve(entry.getKey()), entry.getValue());
        }
    }

    private Map<String, byte[]> allFiles() {
        String deps = dependencies.entrySet().stream()
                .map(dep -> "\"" + dep.getKey() + "\":\"" + dep.getValue() + "\"").collect(Collectors.joining(","));
        String manifest = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"canonical\":\"http://example.org\","
                + "\"fhirVersions\":[\"4.0.1\"],\"dependencies\":{" + deps + "}}";
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("package.json", manifest.getBytes(StandardCharsets.UTF_8));
        all.putAll(files);
        return all;
    }
}
