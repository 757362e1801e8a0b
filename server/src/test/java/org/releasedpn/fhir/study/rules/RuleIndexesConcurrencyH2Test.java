package org.releasedpn.fhir.study.rules;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class RuleIndexesConcurrencyH2Test extends RuleIndexesConcurrencySuite {
}
