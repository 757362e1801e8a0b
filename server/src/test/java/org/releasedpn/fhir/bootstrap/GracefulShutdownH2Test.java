package org.releasedpn.fhir.bootstrap;

import org.releasedpn.fhir.testsupport.Storage;

class GracefulShutdownH2Test extends GracefulShutdownSuite {
    @Override
    protected Storage newStorage() {
        return Storage.h2();
    }
}
