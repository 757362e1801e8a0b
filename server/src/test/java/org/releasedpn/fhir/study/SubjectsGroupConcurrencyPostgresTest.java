package org.releasedpn.fhir.study;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/** Two server processes on one PostgreSQL database, the sites spread over both. */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubjectsGroupConcurrencyPostgresTest extends SubjectsGroupConcurrencySuite {
    private Storage storage;
    private FhirServer first;
    private FhirServer second;

    @BeforeAll
    void start() throws Exception {
        storage = Storage.postgres();
        first = TestServers.start(storage);
        second = TestServers.start(storage);
    }

    @AfterAll
    void stop() throws Exception {
        try (Storage closing = storage; FhirServer a = first; FhirServer b = second) {
            // closed in reverse order: the servers, then their database
        }
    }

    @Override
    List<FhirEndpoint> servers() {
        return List.of(new FhirEndpoint(first), new FhirEndpoint(second));
    }
}
