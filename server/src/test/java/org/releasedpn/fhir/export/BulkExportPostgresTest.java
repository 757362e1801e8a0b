package org.releasedpn.fhir.export;

import org.releasedpn.fhir.testsupport.Storage;

class BulkExportPostgresTest extends BulkExportSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
