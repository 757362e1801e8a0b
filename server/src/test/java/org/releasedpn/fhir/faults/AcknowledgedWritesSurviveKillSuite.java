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
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.Storage;

/**
 * Four clients write while the server process is killed with SIGKILL, two of them single
 * resources and two of them transactions of {@value #BUNDLE_ENTRIES} resources; after a restart
 * on the same storage every write that had been answered 2xx reads back, and of every transaction
 * sent, answered or not, either all entries are stored or none. Repeated, each time on the data
 * the earlier rounds left. Each stored Patient has its create AuditEvent, and no event names a
 * Patient that is not stored: the audit of a write commits with the write, also across a kill.
 */
abstract class AcknowledgedWritesSurviveKillSuite {
    private static final int WRITERS = 4;
    private static final int ROUNDS = 5;
    private static final long WRITE_MILLIS = 4_000;
    private static final long MAX_WRITE_MILLIS = 60_000;
    private static final int BUNDLE_ENTRIES = 10;

    /** What the clients sent and what the server acknowledged. */
    private record Writes(List<String> acknowledged, List<String> transactionsSent, List<String> transactionsAcknowledged) {
        Writes() {
            this(Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()));
        }
    }

    protected abstract Storage newStorage();

    @Test
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        try (Storage storage = newStorage()) {
            Writes writes = new Writes();
            var log = ServerProcess.logFile("kill-" + storage.name());
            for (int round = 0; round < ROUNDS; round++) {
                ServerProcess server = ServerProcess.start(storage.environment(), log);
                int before = writes.acknowledged().size();
                int transactionsBefore = writes.transactionsAcknowledged().size();
                writeUntilKilled(server, writes, round);
                assertTrue(writes.acknowledged().size() > before, "round " + round + " wrote something before the kill");
                assertTrue(writes.transactionsAcknowledged().size() > transactionsBefore,
                        "round " + round + " stored a transaction before the kill");
            }
            try (ServerProcess restarted = ServerProcess.start(storage.environment(), log)) {
                FhirEndpoint fhir = restarted.fhir();
                List<String> lost = writes.acknowledged().stream()
                        .filter(location -> Http.get(fhir.uri(location)).status() != 200).toList();
                assertEquals(List.of(), lost, "acknowledged writes lost, of " + writes.acknowledged().size());
                List<String> partial = new ArrayList<>();
                for (String family : writes.transactionsSent()) {
                    int stored = fhir.count("Patient?family:exact=" + family);
                    boolean acknowledged = writes.transactionsAcknowledged().contains(family);
                    if (acknowledged ? stored != BUNDLE_ENTRIES : stored != 0 && stored != BUNDLE_ENTRIES) {
                        partial.add(family + (acknowledged ? " (acknowledged)" : "") + ": " + stored + " stored");
                    }
                }
                System.out.printf("%s: %d kills, %d single writes and %d of %d transactions acknowledged, %d lost, %d partial%n",
                        getClass().getSimpleName(), ROUNDS, writes.acknowledged().size(),
                        writes.transactionsAcknowledged().size(), writes.transactionsSent().size(), lost.size(), partial.size());
                assertEquals(List.of(), partial, "transactions stored in part or lost, of "
                        + writes.transactionsSent().size() + " sent");
                int patients = fhir.count("Patient");
                assertEquals(patients, fhir.count("AuditEvent?action=C"),
                        "one create AuditEvent per stored Patient, and none of a Patient not stored");
                List<String> unaudited = writes.acknowledged().stream().limit(50)
                        .filter(location -> fhir.count("AuditEvent?action=C&entity=" + location) != 1).toList();
                assertEquals(List.of(), unaudited, "acknowledged writes without their AuditEvent");
            }
        }
    }

    /**
     * Writes for {@value #WRITE_MILLIS} ms and until both kinds of write have been acknowledged in
     * this round (a slow machine needs longer for its first transaction), then kills the server.
     */
    private static void writeUntilKilled(ServerProcess server, Writes writes, int round) throws Exception {
        FhirEndpoint fhir = server.fhir();
        int singlesBefore = writes.acknowledged().size();
        int transactionsBefore = writes.transactionsAcknowledged().size();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int writer = 0; writer < WRITERS; writer++) {
            boolean transactions = writer % 2 == 1;
            writers.submit(() -> {
                while (!killed.get()) {
                    try {
                        if (transactions) {
                            sendTransaction(fhir, writes, round);
                        } else {
                            sendPatient(fhir, writes, round);
                        }
                    } catch (AssertionError connectionLost) {
                        return; // the kill: no answer, so nothing was acknowledged
                    }
                }
            });
        }
        Thread.sleep(WRITE_MILLIS);
        long giveUpAt = System.currentTimeMillis() + MAX_WRITE_MILLIS;
        while ((writes.acknowledged().size() == singlesBefore || writes.transactionsAcknowledged().size() == transactionsBefore)
                && System.currentTimeMillis() < giveUpAt) {
            Thread.sleep(100);
        }
        server.kill();
        killed.set(true);
        writers.shutdown();
        writers.awaitTermination(1, TimeUnit.MINUTES);
    }

    private static void sendPatient(FhirEndpoint fhir, Writes writes, int round) {
        Http.Response answer = Http.send("POST", fhir.uri("Patient"), FHIR_JSON,
                Resources.patientJson(Resources.unique("Kill" + round)), "Prefer", "return=minimal");
        if (answer.status() == 201) {
            String location = URI.create(answer.header("Location")).getPath();
            writes.acknowledged().add(location.substring(location.indexOf("Patient/"), location.indexOf("/_history")));
        }
    }

    /** {@value #BUNDLE_ENTRIES} Patients of one family name, which marks the transaction. */
    private static void sendTransaction(FhirEndpoint fhir, Writes writes, int round) {
        String family = Resources.unique("KillTx" + round);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < BUNDLE_ENTRIES; i++) {
            entries.add("{\"resource\":" + Resources.patientJson(family)
                    + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}");
        }
        writes.transactionsSent().add(family);
        Http.Response answer = Http.send("POST", fhir.base(), FHIR_JSON,
                "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + String.join(",", entries) + "]}",
                "Prefer", "return=minimal");
        if (answer.status() == 200) {
            writes.transactionsAcknowledged().add(family);
        }
    }
}
