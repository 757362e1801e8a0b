package org.releasedpn.fhir.pseudonymisation;

import org.releasedpn.fhir.testsupport.Storage;

class PseudonymisedViewH2Test extends PseudonymisedViewSuite {
    @Override
    Storage newStorage() {
        return Storage.h2();
    }
}
