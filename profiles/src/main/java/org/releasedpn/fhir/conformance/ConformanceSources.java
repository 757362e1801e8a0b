package org.releasedpn.fhir.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;

/**
 * The hand-written conformance resources: every {@code *.json} directly in the given folders
 * (examples live in a sub-folder and are not part of the package). Each file must hold one
 * resource and be named {@code {Type}-{id}.json}; all of them must carry the same version, which
 * becomes the package version.
 */
final class ConformanceSources {

    private final List<IBaseResource> resources;

    private ConformanceSources(List<IBaseResource> resources) {
        this.resources = List.copyOf(resources);
    }

    static ConformanceSources read(FhirContext fhirContext, List<Path> folders) {
        List<IBaseResource> resources = new ArrayList<>();
        for (Path folder : folders) {
            for (Path file : jsonFiles(folder)) {
                resources.add(readOne(fhirContext, file));
            }
        }
        if (resources.isEmpty()) {
            throw new IllegalStateException("No conformance resources found in " + folders);
        }
        return new ConformanceSources(resources);
    }

    List<IBaseResource> resources() {
        return resources;
    }

    String version() {
        List<String> versions = resources.stream()
                .map(r -> ((MetadataResource) r).getVersion()).distinct().toList();
        if (versions.size() != 1 || versions.get(0) == null) {
            throw new IllegalStateException("All conformance resources must have one and the same version, found " + versions);
        }
        return versions.get(0);
    }

    private static IBaseResource readOne(FhirContext fhirContext, Path file) {
        IBaseResource resource;
        try {
            // Strict: a misspelt element in a profile must fail the build, not vanish.
            resource = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataFormatException e) {
            throw new IllegalStateException(file + ": " + e.getMessage(), e);
        }
        String expected = resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json";
        if (!expected.equals(file.getFileName().toString())) {
            throw new IllegalStateException(file + " holds " + resource.fhirType() + "/"
                    + resource.getIdElement().getIdPart() + " and must be named " + expected);
        }
        if (!(resource instanceof MetadataResource)) {
            throw new IllegalStateException(file + " is a " + resource.fhirType() + ", not a conformance resource");
        }
        return resource;
    }

    private static List<Path> jsonFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
    }
}
