package org.releasedpn.fhir.terminology;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class TerminologyOperationsH2Test extends TerminologyOperationsSuite {
}
