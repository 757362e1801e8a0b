package org.releasedpn.fhir.pseudonymisation;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class PseudonymisedViewPostgresTest extends PseudonymisedViewSuite {
    @Override
    Storage newStorage() {
        return Storage.postgres();
    }
}
