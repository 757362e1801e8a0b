package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GuidePackages}: listed packages from files or the package cache, dependencies from the
 * cache, and a refusal that names the package and what it lacks.
 */
class GuidePackagesTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @TempDir
    Path dir;

    @Test
    void readsAListedFileAndItsDependencyFromTheCache() throws IOException {
        Path cache = dir.resolve("cache");
        unpackInto(cache, "example.base", "1.0.0", "4.0.1", Map.of(), valueSet("http://example.org/ValueSet/colours"));
        Path guide = write(dir.resolve("example.guide.tgz"), "example.guide", "2.1.0", "4.0.1",
                Map.of("example.base", "1.0.0", "hl7.fhir.r4.core", "4.0.1"), profile("http://example.org/StructureDefinition/p"));

        List<GuidePackage> packages = GuidePackages.resolve(FHIR, List.of(guide.toString()), cache);

        assertEquals(List.of("example.guide#2.1.0", "example.base#1.0.0"),
                packages.stream().map(GuidePackage::label).toList());
        assertEquals("http://example.org/StructureDefinition/p",
                ((StructureDefinition) packages.get(0).resources().get(0)).getUrl());
        assertEquals("http://example.org/ValueSet/colours", ((ValueSet) packages.get(1).resources().get(0)).getUrl());
    }

    @Test
    void readsANameAndVersionFromTheCache() throws IOException {
        unpackInto(dir, "example.base", "1.0.0", "4.0.1", Map.of(), valueSet("http://example.org/ValueSet/colours"));

        List<GuidePackage> packages = GuidePackages.resolve(FHIR, List.of("example.base#1.0.0"), dir);

        assertEquals("example.base#1.0.0", packages.get(0).label());
        assertEquals(1, packages.get(0).resources().size());
    }

    @Test
    void aMissingDependencyIsNamedWithThePackageThatNeedsIt() throws IOException {
        Path guide = write(dir.resolve("g.tgz"), "example.guide", "2.1.0", "4.0.1", Map.of("example.base", "1.0.0"),
                profile("http://example.org/StructureDefinition/p"));

        InvalidPackageException refused = assertThrows(InvalidPackageException.class,
                () -> GuidePackages.resolve(FHIR, List.of(guide.toString()), dir.resolve("empty-cache")));

        assertTrue(refused.getMessage().contains("example.guide#2.1.0 depends on example.base#1.0.0"), refused::getMessage);
    }

    @Test
    void aPackageForAnotherFhirVersionIsRefused() throws IOException {
        Path guide = write(dir.resolve("r5.tgz"), "example.r5", "1.0.0", "5.0.0", Map.of(),
                profile("http://example.org/StructureDefinition/p"));

        InvalidPackageException refused = assertThrows(InvalidPackageException.class,
                () -> GuidePackages.resolve(FHIR, List.of(guide.toString()), dir));

        assertTrue(refused.getMessage().contains("is for FHIR 5.0.0"), refused::getMessage);
    }

    @Test
    void anEntryThatIsNeitherAFileNorInTheCacheIsNamed() {
        InvalidPackageException notCached = assertThrows(InvalidPackageException.class,
                () -> GuidePackages.resolve(FHIR, List.of("hl7.fhir.us.core#6.1.0"), dir));
        InvalidPackageException noFile = assertThrows(InvalidPackageException.class,
                () -> GuidePackages.resolve(FHIR, List.of(dir.resolve("missing.tgz").toString()), dir));
        InvalidPackageException noVersion = assertThrows(InvalidPackageException.class,
                () -> GuidePackages.resolve(FHIR, List.of("hl7.fhir.us.core"), dir));

        assertTrue(notCached.getMessage().contains("hl7.fhir.us.core#6.1.0 (FHIR_PACKAGES) is not in the package cache"),
                notCached::getMessage);
        assertTrue(noFile.getMessage().contains("missing.tgz (FHIR_PACKAGES) does not exist"), noFile::getMessage);
        assertTrue(noVersion.getMessage().contains("neither a .tgz file nor a name#version"), noVersion::getMessage);
    }

    @Test
    void anUnreadableResourceNamesItsFile() throws IOException {
        Map<String, byte[]> files = manifest("example.broken", "1.0.0", "4.0.1", Map.of());
        files.put("package/StructureDefinition-bad.json",
                "{\"resourceType\":\"StructureDefinition\",\"status\":42}".getBytes(StandardCharsets.UTF_8));
        Path broken = dir.resolve("broken.tgz");
        Files.write(broken, PackageArchive.write(files));

        InvalidPackageException refused = assertThrows(InvalidPackageException.class,
                () -> GuidePackages.resolve(FHIR, List.of(broken.toString()), dir));

        assertTrue(refused.getMessage().contains("example.broken#1.0.0"), refused::getMessage);
    }

    private static Path write(Path file, String name, String version, String fhirVersion, Map<String, String> dependencies,
                              org.hl7.fhir.r4.model.MetadataResource... resources) throws IOException {
        Files.write(file, PackageArchive.write(files(name, version, fhirVersion, dependencies, resources)));
        return file;
    }

    /** The standard cache layout: {@code <cache>/<name>#<version>/package/…}. */
    private static void unpackInto(Path cache, String name, String version, String fhirVersion,
                                   Map<String, String> dependencies, org.hl7.fhir.r4.model.MetadataResource... resources)
            throws IOException {
        for (Map.Entry<String, byte[]> file : files(name, version, fhirVersion, dependencies, resources).entrySet()) {
            Path target = cache.resolve(name + "#" + version).resolve(file.getKey());
            Files.createDirectories(target.getParent());
            Files.write(target, file.getValue());
        }
    }

    private static Map<String, byte[]> files(String name, String version, String fhirVersion,
                                             Map<String, String> dependencies,
                                             org.hl7.fhir.r4.model.MetadataResource... resources) {
        Map<String, byte[]> files = manifest(name, version, fhirVersion, dependencies);
        for (org.hl7.fhir.r4.model.MetadataResource resource : resources) {
            files.put("package/" + resource.fhirType() + "-" + resource.getIdElement().getIdPart() + ".json",
                    FHIR.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8));
        }
        return files;
    }

    private static Map<String, byte[]> manifest(String name, String version, String fhirVersion,
                                                Map<String, String> dependencies) {
        StringBuilder deps = new StringBuilder();
        dependencies.forEach((dep, depVersion) ->
                deps.append(deps.length() == 0 ? "" : ",").append('"').append(dep).append("\":\"").append(depVersion).append('"'));
        String json = "{\"name\":\"" + name + "\",\"version\":\"" + version + "\",\"canonical\":\"http://example.org\","
                + "\"fhirVersions\":[\"" + fhirVersion + "\"],\"dependencies\":{" + deps + "}}";
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("package/package.json", json.getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static StructureDefinition profile(String url) {
        StructureDefinition profile = new StructureDefinition();
        profile.setId(url.substring(url.lastIndexOf('/') + 1));
        profile.setUrl(url).setName("P").setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE)
                .setKind(StructureDefinition.StructureDefinitionKind.RESOURCE).setAbstract(false).setType("Patient")
                .setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Patient")
                .setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        profile.getDifferential().addElement().setPath("Patient").setId("Patient");
        return profile;
    }

    private static ValueSet valueSet(String url) {
        ValueSet valueSet = new ValueSet();
        valueSet.setId(url.substring(url.lastIndexOf('/') + 1));
        valueSet.setUrl(url).setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        return valueSet;
    }
}
