package org.releasedpn.fhir.rest;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class DatabaseRefusalsH2Test extends DatabaseRefusalsSuite {
}
