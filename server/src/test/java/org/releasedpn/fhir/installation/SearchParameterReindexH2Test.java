package org.releasedpn.fhir.installation;

import org.releasedpn.fhir.testsupport.Storage;

class SearchParameterReindexH2Test extends SearchParameterReindexSuite {
    @Override
    Storage storage() {
        return Storage.h2();
    }
}
