package org.releasedpn.fhir.installation;

import org.releasedpn.fhir.testsupport.Storage;

class PackageInstallationRestartH2Test extends PackageInstallationRestartSuite {
    @Override
    Storage storage() {
        return Storage.h2();
    }
}
