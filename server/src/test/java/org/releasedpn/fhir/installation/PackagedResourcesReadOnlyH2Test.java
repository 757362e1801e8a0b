package org.releasedpn.fhir.installation;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class PackagedResourcesReadOnlyH2Test extends PackagedResourcesReadOnlySuite {
}
