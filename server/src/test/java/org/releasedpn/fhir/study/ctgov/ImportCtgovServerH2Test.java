package org.releasedpn.fhir.study.ctgov;

import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.testsupport.SharedH2Server;

@ExtendWith(SharedH2Server.class)
class ImportCtgovServerH2Test extends ImportCtgovServerSuite {
}
