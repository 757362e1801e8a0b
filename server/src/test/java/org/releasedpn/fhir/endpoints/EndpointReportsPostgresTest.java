package org.releasedpn.fhir.endpoints;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class EndpointReportsPostgresTest extends EndpointReportsSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
