package org.releasedpn.fhir.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/**
 * Two server processes on one PostgreSQL database, sixteen clients racing the same conditional
 * create: one Patient is stored, and every client gets a conditional create's answer (201 for the
 * one that stored it, 200 with the match for the others), never a 409 with the database's words.
 */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class ConditionalWritesAcrossServersPostgresTest {
    private static final int CLIENTS = 16;

    @Test
    void racingConditionalCreatesStoreOneResourceAndAnswerEveryClient() throws Exception {
        try (Storage storage = Storage.postgres();
             FhirServer first = TestServers.start(storage);
             FhirServer second = TestServers.start(storage)) {
            List<FhirEndpoint> servers = List.of(new FhirEndpoint(first), new FhirEndpoint(second));
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int round = 0; round < 3; round++) {
                    String family = unique("Race");
                    String body = Resources.patientJson(family);
                    List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
                    for (int client = 0; client < CLIENTS; client++) {
                        FhirEndpoint server = servers.get(client % 2);
                        answers.add(CompletableFuture.supplyAsync(() -> Http.send("POST", server.uri("Patient"),
                                FHIR_JSON, body, "If-None-Exist", Resources.identifierParam(family)), clients));
                    }

                    List<Integer> statuses = answers.stream().map(CompletableFuture::join).map(Http.Response::status).toList();

                    assertEquals(1, servers.get(0).count("Patient?" + Resources.identifierParam(family)), statuses::toString);
                    assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses::toString);
                    assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 201), statuses::toString);
                }
            } finally {
                clients.shutdownNow();
            }
        }
    }
}
