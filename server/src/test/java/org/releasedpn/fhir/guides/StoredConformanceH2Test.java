package org.releasedpn.fhir.guides;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class StoredConformanceH2Test extends StoredConformanceSuite {
}
