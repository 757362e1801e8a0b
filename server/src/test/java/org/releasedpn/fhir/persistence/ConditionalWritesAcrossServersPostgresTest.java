package org.releasedpn.fhir.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiFunction;
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
 * create or conditional update of a Patient not yet stored: one Patient is stored, and every
 * client gets the answer FHIR gives that conditional write (201 for the one that stored it, 200
 * for the others: the match, or the update of it), never a 409 with the database's words.
 */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class ConditionalWritesAcrossServersPostgresTest {
    static final int CLIENTS = 16;

    @Test
    void racingConditionalCreatesStoreOneResourceAndAnswerEveryClient() throws Exception {
        raceOnTwoServers((server, family) -> Http.send("POST", server.uri("Patient"), FHIR_JSON,
                Resources.patientJson(family), "If-None-Exist", Resources.identifierParam(family)));
    }

    @Test
    void racingConditionalUpdatesOfAPatientNotYetStoredStoreOneResource() throws Exception {
        raceOnTwoServers((server, family) -> Http.send("PUT", server.uri("Patient?" + Resources.identifierParam(family)),
                FHIR_JSON, Resources.patientJson(family)));
    }

    /** Half of the clients on each of two servers over one database: one resource stored, one 201, the others 200. */
    private static void raceOnTwoServers(BiFunction<FhirEndpoint, String, Http.Response> write) throws Exception {
        try (Storage storage = Storage.postgres();
             FhirServer first = TestServers.start(storage);
             FhirServer second = TestServers.start(storage)) {
            race(List.of(new FhirEndpoint(first), new FhirEndpoint(second)), write);
        }
    }

    /** Three rounds of {@value #CLIENTS} clients spread over {@code servers}, all sending one conditional write at once. */
    static void race(List<FhirEndpoint> servers, BiFunction<FhirEndpoint, String, Http.Response> write) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int round = 0; round < 3; round++) {
                String family = unique("Race");
                CountDownLatch go = new CountDownLatch(1);
                List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    FhirEndpoint server = servers.get(client % servers.size());
                    answers.add(CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(go);
                        return write.apply(server, family);
                    }, clients));
                }
                go.countDown();

                List<Http.Response> all = answers.stream().map(CompletableFuture::join).toList();
                List<Integer> statuses = all.stream().map(Http.Response::status).toList();

                assertEquals(1, servers.get(0).count("Patient?" + Resources.identifierParam(family)), statuses::toString);
                assertEquals(1, statuses.stream().filter(status -> status == 201).count(), all::toString);
                assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 201), all::toString);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
