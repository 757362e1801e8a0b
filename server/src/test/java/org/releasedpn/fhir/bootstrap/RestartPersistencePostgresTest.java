package org.releasedpn.fhir.bootstrap;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class RestartPersistencePostgresTest extends RestartPersistenceSuite {
    @Override
    protected Storage newStorage() {
        return Storage.postgres();
    }
}
