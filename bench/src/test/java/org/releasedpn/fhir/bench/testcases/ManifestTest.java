package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestTest {
    /** The shapes 1.7.69 uses: outcome file names, inline outcomes, the profiles alias, settings. */
    static final String MANIFEST = """
            {
              "documentation": ["ignored"],
              "test-cases": [
                {"name": "obs-good", "file": "obs-good.json", "version": "4.0", "module": "profile",
                 "supporting": ["vs.json"], "profiles": ["sd.xml", "vs.json"],
                 "profile": {"source": "sd.xml", "supporting": ["cs.json"], "java": "java/obs-good-profile.json",
                             "packages": ["hl7.fhir.us.core#4.0.0"]},
                 "java": "java/obs-good-base.json", "firely-sdk-current": "firely/obs-good.json"},
                {"name": "pat-bad", "file": "pat-bad.xml", "version": "4.0.1", "security-checks": true,
                 "java": {"errorCount": 1, "output": ["ERROR: bad"]}},
                {"name": "off", "file": "off.json", "version": "4.0", "use-test": false, "java": "java/off.json"},
                {"name": "r5", "file": "r5.json", "java": "java/r5.json"}
              ]
            }
            """;

    static Manifest manifest() throws Exception {
        return Manifest.read(MANIFEST.getBytes(StandardCharsets.UTF_8), new ObjectMapper());
    }

    @Test
    void readsFilesSupportingAndTheProfileStep() throws Exception {
        TestCase obs = manifest().named("obs-good").orElseThrow();
        assertTrue(obs.isR4());
        assertEquals("obs-good.json", obs.file());
        assertEquals(List.of("vs.json", "sd.xml"), obs.supporting(), "profiles is an alias; duplicates load once");
        assertEquals("java/obs-good-base.json", obs.javaOutcome().asText());
        TestCase.ProfileStep step = obs.profile().orElseThrow();
        assertEquals("sd.xml", step.source());
        assertEquals(List.of("cs.json"), step.supporting());
        assertEquals(List.of("packages=[\"hl7.fhir.us.core#4.0.0\"]"), step.settings());
        assertEquals(List.of(), obs.settings(), "other validators' expectations are no setting");
    }

    @Test
    void keepsSettingsAndTellsR4FromOtherVersions() throws Exception {
        Manifest manifest = manifest();
        TestCase bad = manifest.named("pat-bad").orElseThrow();
        assertTrue(bad.isR4());
        assertEquals(List.of("security-checks=true"), bad.settings());
        assertTrue(bad.profile().isEmpty());
        assertFalse(manifest.named("off").orElseThrow().useTest());
        assertFalse(manifest.named("r5").orElseThrow().isR4(), "no version means the current R5");
        assertEquals(2, CaseSelection.steps(List.of(manifest.named("obs-good").orElseThrow())));
    }
}
