package org.releasedpn.fhir.faults;

import org.releasedpn.fhir.testsupport.Storage;

class AcknowledgedWritesSurviveKillH2Test extends AcknowledgedWritesSurviveKillSuite {
    @Override
    protected Storage newStorage() {
        return Storage.h2();
    }
}
