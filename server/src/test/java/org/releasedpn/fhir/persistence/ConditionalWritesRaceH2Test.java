package org.releasedpn.fhir.persistence;

import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.SharedH2Server;

/**
 * The same races in one process on the embedded database, where conditional writes of one match
 * URL take turns through a lock in memory: one resource stored, one 201, the others 200.
 */
@ExtendWith(SharedH2Server.class)
class ConditionalWritesRaceH2Test {

    @Test
    void racingConditionalCreatesStoreOneResource(FhirServer server) throws Exception {
        ConditionalWritesAcrossServersPostgresTest.race(List.of(new FhirEndpoint(server)), (fhir, family) ->
                Http.send("POST", fhir.uri("Patient"), FHIR_JSON, Resources.patientJson(family),
                        "If-None-Exist", Resources.identifierParam(family)));
    }

    @Test
    void racingConditionalUpdatesStoreOneResource(FhirServer server) throws Exception {
        ConditionalWritesAcrossServersPostgresTest.race(List.of(new FhirEndpoint(server)), (fhir, family) ->
                Http.send("PUT", fhir.uri("Patient?" + Resources.identifierParam(family)), FHIR_JSON,
                        Resources.patientJson(family)));
    }
}
