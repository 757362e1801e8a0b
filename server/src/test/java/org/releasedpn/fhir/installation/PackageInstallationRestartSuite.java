package org.releasedpn.fhir.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/**
 * {@link PackageInstallation} on a restart: the same package version is not installed again, so
 * the installed resources (and the seeded trial) keep their first version.
 */
abstract class PackageInstallationRestartSuite {
    private static final String[] INSTALLED = {"StructureDefinition/dpn-tcss", "SearchParameter/arm",
            "ValueSet/study-visit", "CodeSystem/tcss", "ResearchStudy/release-dpn"};

    abstract Storage storage();

    @Test
    void restartOnTheSameDataInstallsNothingAgain() throws Exception {
        try (Storage storage = storage()) {
            Map<String, String> first = versions(storage);
            Map<String, String> second = versions(storage);

            assertEquals("1", first.get("StructureDefinition/dpn-tcss"), first::toString);
            assertEquals(first, second);
        }
    }

    /** Starts a server on {@code storage}, reads the versionId of each installed resource, stops it. */
    private static Map<String, String> versions(Storage storage) throws Exception {
        FhirServer server = TestServers.start(storage);
        try {
            FhirEndpoint fhir = new FhirEndpoint(server);
            Map<String, String> versions = new LinkedHashMap<>();
            for (String path : INSTALLED) {
                Http.Response read = Http.get(fhir.uri(path));
                assertEquals(200, read.status(), () -> path + ": " + read);
                versions.put(path, read.resource().getMeta().getVersionId());
            }
            return versions;
        } finally {
            server.stop();
        }
    }
}
