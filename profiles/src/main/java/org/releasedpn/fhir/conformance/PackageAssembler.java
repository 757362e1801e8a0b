package org.releasedpn.fhir.conformance;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.instance.model.api.IBaseResource;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ca.uhn.fhir.context.FhirContext;

/**
 * Lays the conformance resources out as a FHIR NPM package: {@code package/package.json}, one
 * {@code package/{Type}-{id}.json} per resource and the explicit {@code package/.index.json}.
 */
final class PackageAssembler {

    static final String MANIFEST = "package/package.json";
    static final String INDEX = "package/.index.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .setDefaultPropertyInclusion(JsonInclude.Include.NON_NULL);

    private final FhirContext fhirContext;

    PackageAssembler(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    /** The package's files in archive order: manifest, index, then the resources sorted by file name. */
    Map<String, byte[]> assemble(String version, List<? extends IBaseResource> resources) {
        List<IBaseResource> sorted = new ArrayList<>(resources);
        sorted.sort(Comparator.comparing(r -> PackageIndexEntry.describe(r).filename()));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(MANIFEST, json(manifest(version)));
        files.put(INDEX, json(index(sorted)));
        for (IBaseResource resource : sorted) {
            String body = fhirContext.newJsonParser().setPrettyPrint(true).encodeResourceToString(resource);
            files.put("package/" + PackageIndexEntry.describe(resource).filename(), body.getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static Map<String, Object> manifest(String version) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("name", TrialCanonicals.PACKAGE_NAME);
        manifest.put("version", version);
        manifest.put("canonical", TrialCanonicals.BASE);
        manifest.put("title", "RELEASE-DPN clinical data profiles");
        manifest.put("description", "Profiles, extensions, search parameters and terminology of the RELEASE-DPN trial "
                + "(ClinicalTrials.gov NCT07183761): hUC-MSC therapy for diabetic peripheral neuropathy.");
        manifest.put("fhirVersions", List.of(TrialCanonicals.FHIR_VERSION));
        manifest.put("type", "fhir.ig");
        manifest.put("license", "CC0-1.0");
        manifest.put("dependencies", Map.of("hl7.fhir.r4.core", TrialCanonicals.FHIR_VERSION));
        return manifest;
    }

    private static Map<String, Object> index(List<IBaseResource> resources) {
        List<PackageIndexEntry> files = resources.stream().map(PackageIndexEntry::describe).toList();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("index-version", 1);
        index.put("files", files);
        return index;
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writer().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write package metadata", e);
        }
    }
}
