package org.releasedpn.fhir.installation;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.testsupport.Storage;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class SearchParameterReindexPostgresTest extends SearchParameterReindexSuite {
    @Override
    Storage storage() {
        return Storage.postgres();
    }
}
