package org.releasedpn.fhir.faults;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class AcknowledgedWritesSurviveKillPostgresTest extends AcknowledgedWritesSurviveKillSuite {
    @Override
    protected Storage newStorage() {
        return Storage.postgres();
    }
}
