package org.releasedpn.fhir.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.conformance.InvalidPackageException;
import org.releasedpn.fhir.testsupport.ExampleProfiles;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.GuidePackageFiles;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * An operator installs another implementation guide with FHIR_PACKAGES (a .tgz) and its
 * dependency from FHIR_PACKAGE_CACHE: both are installed at start, validated against, readable
 * over REST but not writable, and listed in the CapabilityStatement; a missing dependency stops
 * the start with a message naming it.
 */
class GuidePackageInstallationTest {
    private static final String PROFILE_ID = "example-patient";

    @TempDir
    Path dir;

    @Test
    void installedGuideIsValidatedAgainstReadableNotWritableAndListed() throws Exception {
        Path cache = dir.resolve("cache");
        new GuidePackageFiles("example.base", "1.0.0").with(codeSystem()).unpackInto(cache);
        Path guide = new GuidePackageFiles("example.guide", "2.0.0").dependsOn("example.base", "1.0.0")
                .dependsOn("hl7.fhir.r4.core", "4.0.1")
                .with(ExampleProfiles.birthDateRequired(PROFILE_ID)).writeTgz(dir.resolve("example.guide.tgz"));
        StructureDefinition profile = ExampleProfiles.birthDateRequired(PROFILE_ID);

        try (Storage storage = Storage.h2();
             FhirServer server = TestServers.start(storage, Map.of("FHIR_PACKAGES", guide.toString(),
                     "FHIR_PACKAGE_CACHE", cache.toString()))) {
            FhirEndpoint fhir = new FhirEndpoint(server);
            Patient withoutBirthDate = Resources.patient(unique("NoBirthDate"));
            withoutBirthDate.setBirthDate(null);
            withoutBirthDate.getMeta().addProfile(profile.getUrl());

            Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(withoutBirthDate));
            assertEquals(422, refused.status(), refused::toString);
            assertTrue(refused.operationOutcome().getIssueFirstRep().getDiagnostics().contains("Patient.birthDate"),
                    refused::toString);

            Http.Response installed = Http.get(fhir.uri("StructureDefinition/" + PROFILE_ID));
            assertEquals(200, installed.status(), installed::toString);
            assertEquals(1, fhir.count("CodeSystem?url=" + encode(codeSystem().getUrl())), "the dependency is installed too");

            Http.Response changed = Http.send("PUT", fhir.uri("StructureDefinition/" + PROFILE_ID), FHIR_JSON,
                    TrialExamples.json(installed.resource(StructureDefinition.class).setDescription("changed")));
            assertEquals(405, changed.status(), changed::toString);
            assertTrue(changed.resource(OperationOutcome.class).getIssueFirstRep().getDiagnostics()
                    .contains("example.guide#2.0.0"), changed::toString);

            List<String> guides = Http.get(fhir.uri("metadata")).resource(CapabilityStatement.class)
                    .getImplementationGuide().stream().map(CanonicalType::getValue).toList();
            assertTrue(guides.contains("http://example.org/ImplementationGuide/example.guide|2.0.0"), guides::toString);
            assertTrue(guides.contains("http://example.org/ImplementationGuide/example.base|1.0.0"), guides::toString);
        }
    }

    @Test
    void missingDependencyStopsTheStartNamingIt() throws Exception {
        Path guide = new GuidePackageFiles("example.guide", "2.0.0").dependsOn("example.base", "1.0.0")
                .with(ExampleProfiles.birthDateRequired(PROFILE_ID)).writeTgz(dir.resolve("example.guide.tgz"));

        try (Storage storage = Storage.h2()) {
            InvalidPackageException refused = assertThrows(InvalidPackageException.class,
                    () -> TestServers.start(storage, Map.of("FHIR_PACKAGES", guide.toString(),
                            "FHIR_PACKAGE_CACHE", dir.resolve("empty").toString())));

            assertTrue(refused.getMessage().contains("example.guide#2.0.0 depends on example.base#1.0.0"),
                    refused::getMessage);
        }
    }

    private static CodeSystem codeSystem() {
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setId("example-colours");
        codeSystem.setUrl("http://example.org/fhir/CodeSystem/colours").setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        codeSystem.addConcept().setCode("red");
        return codeSystem;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
