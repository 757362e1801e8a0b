package org.releasedpn.fhir.audit;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class AuditTrailPostgresTest extends AuditTrailSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
