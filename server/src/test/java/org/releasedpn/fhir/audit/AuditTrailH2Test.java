package org.releasedpn.fhir.audit;

import org.releasedpn.fhir.testsupport.Storage;

class AuditTrailH2Test extends AuditTrailSuite {
    @Override
    Storage newStorage() {
        return Storage.h2();
    }
}
