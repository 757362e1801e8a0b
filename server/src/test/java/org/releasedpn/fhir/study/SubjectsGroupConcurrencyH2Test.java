package org.releasedpn.fhir.study;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.SharedH2Server;

/** The embedded store has one process: every site writes to the shared H2 server. */
@ExtendWith(SharedH2Server.class)
class SubjectsGroupConcurrencyH2Test extends SubjectsGroupConcurrencySuite {
    private FhirEndpoint fhir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    @Override
    List<FhirEndpoint> servers() {
        return List.of(fhir);
    }
}
