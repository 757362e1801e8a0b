package org.releasedpn.fhir.security;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class SmartOnFhirPostgresTest extends SmartOnFhirSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
