package org.releasedpn.fhir.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/**
 * {@link FhirServer#stop} while a transaction of {@value #TRANSACTION_SIZE} Patients is in flight:
 * the transaction is held at the start of its processing (a HAPI hook) until {@code stop()} has
 * begun and the port refuses new connections, then let go. It must complete with 200, and a new
 * server on the same storage must find all of it. The stop happens once, before the tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GracefulShutdownSuite {
    private static final int TRANSACTION_SIZE = 300;

    private Storage storage;
    private FhirServer restarted;
    private String family;
    private Http.Response inFlightAnswer;
    private boolean refusedWhileStopping;

    /** Fresh storage for this suite's two servers. */
    protected abstract Storage newStorage();

    @BeforeAll
    void stopDuringTransactionAndRestart() throws Exception {
        storage = newStorage();
        family = unique("InFlight");
        FhirServer first = TestServers.start(storage);
        try {
            stopDuringTransaction(first);
        } finally {
            first.stop(); // a no-op once the stop above has completed
        }
        restarted = TestServers.start(storage);
    }

    @AfterAll
    void stopAndRemove() throws Exception {
        try {
            if (restarted != null) {
                restarted.stop();
            }
        } finally {
            storage.close();
        }
    }

    @Test
    void newConnectionsAreRefusedOnceStopBegins() {
        assertTrue(refusedWhileStopping, "the port still accepted connections 10 s after stop() began");
    }

    @Test
    void inFlightTransactionCompletesWith200() {
        assertEquals(200, inFlightAnswer.status(), inFlightAnswer::toString);
        Bundle answer = inFlightAnswer.resource(Bundle.class);
        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, answer.getType());
        assertEquals(TRANSACTION_SIZE, answer.getEntry().size());
        assertTrue(answer.getEntry().stream().allMatch(entry -> entry.getResponse().getStatus().startsWith("201")));
    }

    @Test
    void inFlightTransactionIsWhollyStoredAfterRestart() {
        assertEquals(TRANSACTION_SIZE, new FhirEndpoint(restarted).count("Patient?family:exact=" + family));
    }

    private void stopDuringTransaction(FhirServer server) throws Exception {
        HoldTransactions hold = new HoldTransactions();
        server.component(RestfulServer.class).getInterceptorService().registerInterceptor(hold);
        URI base = server.baseUrl();
        String body = transactionBody();
        int port = server.port();

        CompletableFuture<Http.Response> answer =
                CompletableFuture.supplyAsync(() -> Http.send("POST", base, FHIR_JSON, body));
        assertTrue(hold.arrived.await(60, TimeUnit.SECONDS), "the transaction reached the server");
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> {
            try {
                server.stop();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        refusedWhileStopping = awaitRefused(port);
        hold.release.countDown();
        inFlightAnswer = answer.get(120, TimeUnit.SECONDS);
        stopping.get(120, TimeUnit.SECONDS);
    }

    private String transactionBody() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (int i = 0; i < TRANSACTION_SIZE; i++) {
            transaction.addEntry().setResource(patient(family)).getRequest()
                    .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        }
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(transaction);
    }

    private static boolean awaitRefused(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                Thread.sleep(50);
            } catch (ConnectException refused) {
                return true;
            } catch (IOException other) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** Holds transactions at the start of their processing until released. */
    @Interceptor
    public static final class HoldTransactions {
        final CountDownLatch arrived = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
        public void hold(RestOperationTypeEnum operation) throws InterruptedException {
            if (operation == RestOperationTypeEnum.TRANSACTION) {
                arrived.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
        }
    }
}
