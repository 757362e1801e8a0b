package org.releasedpn.fhir.export;

import org.releasedpn.fhir.testsupport.Storage;

class BulkExportH2Test extends BulkExportSuite {
    @Override
    Storage newStorage() {
        return Storage.h2();
    }
}
