package org.releasedpn.fhir.rest;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedPostgresServer;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
@ExtendWith(SharedPostgresServer.class)
class DatabaseRefusalsPostgresTest extends DatabaseRefusalsSuite {
}
