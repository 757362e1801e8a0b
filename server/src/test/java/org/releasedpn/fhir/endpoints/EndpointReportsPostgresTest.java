package org.releasedpn.fhir.endpoints;

import org.releasedpn.fhir.testsupport.Storage;

class EndpointReportsPostgresTest extends EndpointReportsSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
