package org.releasedpn.fhir.bootstrap;

import org.releasedpn.fhir.testsupport.Storage;

class RestartPersistenceH2Test extends RestartPersistenceSuite {
    @Override
    protected Storage newStorage() {
        return Storage.h2();
    }
}
