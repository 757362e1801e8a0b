package org.releasedpn.fhir.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.Storage;

/**
 * Four clients write while the server process is killed with SIGKILL; after a restart on the same
 * storage every write that had been answered 201 reads back. Repeated, each time on the data the
 * earlier rounds left.
 */
abstract class AcknowledgedWritesSurviveKillSuite {
    private static final int WRITERS = 4;
    private static final int ROUNDS = 5;
    private static final long WRITE_MILLIS = 4_000;

    protected abstract Storage newStorage();

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        try (Storage storage = newStorage()) {
            List<String> acknowledged = Collections.synchronizedList(new ArrayList<>());
            var log = ServerProcess.logFile("kill-" + storage.name());
            for (int round = 0; round < ROUNDS; round++) {
                ServerProcess server = ServerProcess.start(storage.environment(), log);
                int before = acknowledged.size();
                writeUntilKilled(server, acknowledged, round);
                assertTrue(acknowledged.size() > before, "round " + round + " wrote something before the kill");
            }
            try (ServerProcess restarted = ServerProcess.start(storage.environment(), log)) {
                List<String> lost = acknowledged.stream()
                        .filter(location -> Http.get(restarted.fhir().uri(location)).status() != 200).toList();
                assertEquals(List.of(), lost, "acknowledged writes lost, of " + acknowledged.size());
            }
        }
    }

    private static void writeUntilKilled(ServerProcess server, List<String> acknowledged, int round) throws Exception {
        FhirEndpoint fhir = server.fhir();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        long stopAt = System.currentTimeMillis() + WRITE_MILLIS + 2_000;
        for (int writer = 0; writer < WRITERS; writer++) {
            writers.submit(() -> {
                while (System.currentTimeMillis() < stopAt) {
                    try {
                        Http.Response answer = Http.send("POST", fhir.uri("Patient"), FHIR_JSON,
                                Resources.patientJson(Resources.unique("Kill" + round)), "Prefer", "return=minimal");
                        if (answer.status() == 201) {
                            String location = URI.create(answer.header("Location")).getPath();
                            acknowledged.add(location.substring(location.indexOf("Patient/"), location.indexOf("/_history")));
                        }
                    } catch (AssertionError connectionLost) {
                        return; // the kill: no answer, so nothing was acknowledged
                    }
                }
            });
        }
        Thread.sleep(WRITE_MILLIS);
        server.kill();
        writers.shutdown();
        writers.awaitTermination(1, TimeUnit.MINUTES);
    }
}
