package org.releasedpn.fhir.pseudonymisation;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedPostgresServer;

@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
@ExtendWith(SharedPostgresServer.class)
class PseudonymisedViewOnLoopbackPostgresTest extends PseudonymisedViewOnLoopbackSuite {
}
