package org.releasedpn.fhir.security;

import org.releasedpn.fhir.testsupport.Storage;

class SmartOnFhirH2Test extends SmartOnFhirSuite {
    @Override
    Storage newStorage() {
        return Storage.h2();
    }
}
