package org.releasedpn.fhir.validation;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class ForeignProfileClaimsH2Test extends ForeignProfileClaimsSuite {
}
