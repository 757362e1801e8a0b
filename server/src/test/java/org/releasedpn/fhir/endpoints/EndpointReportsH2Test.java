package org.releasedpn.fhir.endpoints;

import org.releasedpn.fhir.testsupport.Storage;

class EndpointReportsH2Test extends EndpointReportsSuite {
    @Override
    Storage newStorage() {
        return Storage.h2();
    }
}
