package org.releasedpn.fhir.export;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class BulkExportPostgresTest extends BulkExportSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
