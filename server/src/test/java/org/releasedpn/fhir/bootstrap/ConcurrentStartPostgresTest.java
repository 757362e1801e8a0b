package org.releasedpn.fhir.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/**
 * Two server processes started at the same moment on one empty PostgreSQL database both start
 * (they take turns installing the package and seeding the trial), and the trial exists once.
 */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class ConcurrentStartPostgresTest {

    @Test
    void twoServersStartTogetherOnAnEmptyDatabase() throws Exception {
        try (Storage storage = Storage.postgres()) {
            CompletableFuture<FhirServer> first = CompletableFuture.supplyAsync(() -> start(storage));
            CompletableFuture<FhirServer> second = CompletableFuture.supplyAsync(() -> start(storage));
            try (FhirServer one = first.join(); FhirServer other = second.join()) {
                for (FhirServer server : List.of(one, other)) {
                    FhirEndpoint fhir = new FhirEndpoint(server);
                    assertEquals(1, fhir.count("ResearchStudy?identifier=https%3A%2F%2Fclinicaltrials.gov%2Fnctid%7CNCT07183761"));
                    assertEquals(1, fhir.count("StructureDefinition?url=http%3A%2F%2Ffhir.release-dpn.org%2FStructureDefinition%2Fdpn-tcss"));
                }
            }
        }
    }

    private static FhirServer start(Storage storage) {
        try {
            return TestServers.start(storage);
        } catch (Exception e) {
            throw new IllegalStateException("a server did not start", e);
        }
    }
}
