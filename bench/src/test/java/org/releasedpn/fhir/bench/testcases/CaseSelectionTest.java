package org.releasedpn.fhir.bench.testcases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CaseSelectionTest {
    private static final Map<String, String> FILES = Map.of(
            "manifest.json", ManifestTest.MANIFEST,
            "obs-good.json", "{\"resourceType\": \"Observation\"}",
            "pat-bad.xml", "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>",
            "outcomes/java/obs-good-base.json", "{\"resourceType\": \"OperationOutcome\"}");

    @Test
    void keepsFhirResourcesAndSaysWhyOthersAreLeftOut(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("fhir-test-cases.jar");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
            for (Map.Entry<String, String> file : FILES.entrySet()) {
                zip.putNextEntry(new ZipEntry(TestCaseFiles.FOLDER_IN_JAR + file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
            }
        }
        try (TestCaseFiles files = TestCaseFiles.open(jar)) {
            CaseSelection selection = CaseSelection.r4(ManifestTest.manifest(), files);
            assertEquals(List.of("obs-good"), selection.included());
            assertEquals(List.of("pat-bad", "off"), List.copyOf(selection.left().keySet()), "r5 is not R4 at all");
            assertTrue(selection.left().get("pat-bad").startsWith("not a FHIR resource"));
            assertTrue(selection.left().get("off").startsWith("use-test is false"));
        }
    }

    @Test
    void caseListSkipsCommentsAndBlankLines(@TempDir Path dir) throws Exception {
        Path list = dir.resolve("cases.txt");
        CaseList.write(list, new CaseSelection(List.of("a", "b/c"), Map.of("d", "why")), "x.jar", 3);
        assertEquals(List.of("a", "b/c"), CaseList.read(list));
        try (OutputStream out = Files.newOutputStream(list)) {
            out.write("# header\n\n  a  \n#b\n".getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(List.of("a"), CaseList.read(list));
    }
}
