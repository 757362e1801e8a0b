package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;

/** The package the build put on the classpath, and the loader's refusal of broken packages. */
class ConformancePackageTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static ConformancePackage conformancePackage;

    @BeforeAll
    static void load() {
        conformancePackage = ConformancePackage.fromClasspath(FHIR);
    }

    @Test
    void hasTheContractsNameAndVersion() {
        assertEquals("org.release-dpn.fhir", conformancePackage.name());
        assertEquals("0.1.0", conformancePackage.version());
    }

    @Test
    void holdsEveryProfileExtensionSearchParameterMeasureAndTerminology() {
        Set<String> urls = conformancePackage.index().stream().map(PackageIndexEntry::url).collect(Collectors.toSet());
        for (String id : List.of("dpn-research-study", "dpn-research-subject", "dpn-tcss", "dpn-nerve-conduction", "dpn-crp",
                "dpn-adverse-event", "dpn-msc-administration", "study-visit", "laterality", "ctcae-grade", "change-statistics")) {
            assertTrue(urls.contains(TrialCanonicals.profile(id)), id);
        }
        for (String id : List.of("tcss", "tcss-severity", "nerve-conduction", "nerve", "study-visit", "intervention")) {
            assertTrue(urls.contains(TrialCanonicals.codeSystem(id)), id);
            assertTrue(urls.contains(TrialCanonicals.BASE + "/ValueSet/" + id), id);
        }
        for (String id : List.of("study", "visit", "arm", "body-site", "laterality")) {
            assertTrue(urls.contains(TrialCanonicals.BASE + "/SearchParameter/" + id), id);
        }
        for (String id : List.of("dpn-tcss-change-week-24", "dpn-ncv-change-week-24", "dpn-msc-related-ae",
                "dpn-msc-adverse-reaction", "dpn-crp-change-week-24")) {
            assertTrue(urls.contains(TrialCanonicals.BASE + "/Measure/" + id), id);
        }
    }

    @Test
    void indexDescribesEachParsedResource() {
        assertEquals(conformancePackage.index().size(), conformancePackage.resources().size());
        for (int i = 0; i < conformancePackage.resources().size(); i++) {
            IBaseResource resource = conformancePackage.resources().get(i);
            PackageIndexEntry entry = conformancePackage.index().get(i);
            assertEquals(PackageIndexEntry.describe(resource), entry);
            assertEquals("0.1.0", entry.version(), entry.filename());
        }
    }

    @Test
    void everyStructureDefinitionCarriesAGeneratedSnapshot() {
        List<StructureDefinition> definitions = conformancePackage.resources().stream()
                .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast).toList();
        assertEquals(11, definitions.size());
        for (StructureDefinition definition : definitions) {
            assertTrue(definition.getSnapshot().getElement().size() > definition.getDifferential().getElement().size(),
                    definition.getUrl());
        }
    }

    @Test
    void bytesAreTheClasspathPackageAndLoadAgain() {
        ConformancePackage again = ConformancePackage.fromStream(FHIR, new ByteArrayInputStream(conformancePackage.bytes()));
        assertEquals(conformancePackage.index(), again.index());
    }

    @Test
    void rejectsAPackageWithoutIndex() {
        Map<String, byte[]> files = new LinkedHashMap<>(PackageArchive.read(new ByteArrayInputStream(conformancePackage.bytes())));
        files.remove("package/.index.json");
        InvalidPackageException e = assertThrows(InvalidPackageException.class,
                () -> ConformancePackage.fromBytes(FHIR, PackageArchive.write(files)));
        assertTrue(e.getMessage().contains(".index.json"), e.getMessage());
    }

    @Test
    void rejectsAPackageWhoseIndexNamesAMissingFile() {
        Map<String, byte[]> files = new LinkedHashMap<>(PackageArchive.read(new ByteArrayInputStream(conformancePackage.bytes())));
        files.remove("package/StructureDefinition-dpn-tcss.json");
        InvalidPackageException e = assertThrows(InvalidPackageException.class,
                () -> ConformancePackage.fromBytes(FHIR, PackageArchive.write(files)));
        assertTrue(e.getMessage().contains("StructureDefinition-dpn-tcss.json"), e.getMessage());
    }

    @Test
    void rejectsAFileThatHoldsAnotherResourceThanIndexed() {
        Map<String, byte[]> files = new LinkedHashMap<>(PackageArchive.read(new ByteArrayInputStream(conformancePackage.bytes())));
        files.put("package/CodeSystem-nerve.json", files.get("package/CodeSystem-tcss.json"));
        assertThrows(InvalidPackageException.class, () -> ConformancePackage.fromBytes(FHIR, PackageArchive.write(files)));
    }

    @Test
    void rejectsBytesThatAreNotATgz() {
        assertThrows(InvalidPackageException.class,
                () -> ConformancePackage.fromBytes(FHIR, "not a package".getBytes(StandardCharsets.UTF_8)));
    }
}
