package org.releasedpn.fhir.pseudonymisation;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class PseudonymisedViewOnLoopbackH2Test extends PseudonymisedViewOnLoopbackSuite {
}
