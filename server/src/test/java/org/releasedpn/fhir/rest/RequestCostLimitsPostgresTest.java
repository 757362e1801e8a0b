package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Http.FHIR_XML;
import static org.releasedpn.fhir.testsupport.Resources.patientJson;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/**
 * Each configurable cost limit, set small, takes effect on the wire with a 4xx naming it, and what
 * stays within the limit is served. On PostgreSQL, where a table lock makes a statement wait
 * for as long as the test needs to see the statement timeout end it.
 */
@EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
class RequestCostLimitsPostgresTest {
    private static final int ENTRIES = 5;
    private static final int TRANSACTION_ENTRIES = 3;
    private static final int REPETITIONS = 40;
    private static final int DELETE_MATCHES = 3;
    private static final int CONNECTIONS = 6;

    private static Storage storage;
    private static FhirServer server;
    private static FhirEndpoint fhir;

    @BeforeAll
    static void start() throws Exception {
        storage = Storage.postgres();
        server = TestServers.start(storage, Map.of(
                "FHIR_MAX_BUNDLE_ENTRIES", Integer.toString(ENTRIES),
                "FHIR_MAX_TRANSACTION_ENTRIES", Integer.toString(TRANSACTION_ENTRIES),
                "FHIR_MAX_REPETITIONS", Integer.toString(REPETITIONS),
                "FHIR_MAX_DELETE_MATCHES", Integer.toString(DELETE_MATCHES),
                "FHIR_MAX_CONNECTIONS_PER_ADDRESS", Integer.toString(CONNECTIONS),
                "FHIR_QUERY_TIMEOUT_SECONDS", "2"));
        fhir = new FhirEndpoint(server);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            storage.close();
        }
    }

    @Test
    void aBundleOfMoreEntriesThanTheLimitIs413AndStoresNothing() {
        String family = unique("Entries");

        assertEquals(200, Http.send("POST", fhir.base(), FHIR_JSON, bundleOf("batch", ENTRIES, family)).status());
        Http.Response refused = Http.send("POST", fhir.base(), FHIR_JSON, bundleOf("batch", ENTRIES + 1, family + "x"));

        assertRefused(refused, 413, "FHIR_MAX_BUNDLE_ENTRIES");
        assertEquals(0, fhir.count("Patient?family:exact=" + family + "x"));
    }

    @Test
    void aTransactionHasASmallerLimitThanABatch() {
        String family = unique("TxEntries");

        assertEquals(200, Http.send("POST", fhir.base(), FHIR_JSON, bundleOf("transaction", TRANSACTION_ENTRIES, family)).status());
        Http.Response refused = Http.send("POST", fhir.base(), FHIR_JSON,
                bundleOf("transaction", TRANSACTION_ENTRIES + 1, family + "x"));

        assertRefused(refused, 413, "FHIR_MAX_TRANSACTION_ENTRIES");
        assertEquals(0, fhir.count("Patient?family:exact=" + family + "x"));
    }

    @Test
    void moreRepetitionsOfOneElementThanTheLimitIs413InJsonAndXml() {
        String family = unique("Repeats");
        String given = String.join(",", Collections.nCopies(REPETITIONS + 1, "\"Al\""));
        String json = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[" + given + "]}]}";
        String xml = "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"" + family + "\"/>"
                + "<given value=\"Al\"/>".repeat(REPETITIONS + 1) + "</name></Patient>";

        assertRefused(Http.send("POST", fhir.uri("Patient"), FHIR_JSON, json), 413, "FHIR_MAX_REPETITIONS");
        assertRefused(Http.send("POST", fhir.uri("Patient"), FHIR_XML, xml), 413, "FHIR_MAX_REPETITIONS");
        assertEquals(0, fhir.count("Patient?family:exact=" + family));
        String fits = json.replace("[" + given + "]", "[" + String.join(",", Collections.nCopies(REPETITIONS, "\"Al\"")) + "]");
        assertEquals(201, Http.send("POST", fhir.uri("Patient"), FHIR_JSON, fits).status());
    }

    @Test
    void aConditionalDeleteMatchingMoreThanTheLimitIs412AndDeletesNothing() {
        String many = unique("DeleteMany");
        String few = unique("DeleteFew");
        for (int i = 0; i < DELETE_MATCHES + 1; i++) {
            assertEquals(201, Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(many)).status());
        }
        for (int i = 0; i < DELETE_MATCHES; i++) {
            assertEquals(201, Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(few)).status());
        }

        Http.Response refused = Http.delete(fhir.uri("Patient?family:exact=" + many));
        Http.Response deleted = Http.delete(fhir.uri("Patient?family:exact=" + few));

        assertEquals(412, refused.status(), refused::toString);
        assertEquals(DELETE_MATCHES + 1, fhir.count("Patient?family:exact=" + many));
        assertEquals(200, deleted.status(), deleted::toString);
        assertEquals(0, fhir.count("Patient?family:exact=" + few));
    }

    @Test
    void aStatementThatRunsIntoTheTimeoutIs400TooCostlyAndTheServerGoesOn() throws Exception {
        // A search that must wait for a table lock held here runs as long as the lock is held.
        try (Connection lockHolder = DriverManager.getConnection(storage.environment().get("FHIR_DB_URL"), "postgres", "")) {
            lockHolder.setAutoCommit(false);
            try (Statement lock = lockHolder.createStatement()) {
                lock.execute("LOCK TABLE hfj_resource, hfj_spidx_string IN ACCESS EXCLUSIVE MODE");
            }
            long start = System.nanoTime();
            Http.Response stopped = Http.get(fhir.uri("Patient?family=" + unique("Slow") + "&_total=accurate"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            lockHolder.rollback();

            assertRefused(stopped, 400, "FHIR_QUERY_TIMEOUT_SECONDS");
            assertTrue(millis < 20_000, "stopped after about the timeout, took " + millis + " ms");
        }
        assertEquals(200, Http.get(fhir.uri("Patient?_count=1")).status());
    }

    @Test
    void oneAddressCannotHoldMoreConnectionsThanTheLimitWhileOthersAreServed() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                held.add(connectFrom("127.0.0.1"));
            }
            Socket extra = connectFrom("127.0.0.1");
            held.add(extra);

            assertTrue(closedByServer(extra), "a connection beyond the limit is closed at once");
            assertTrue(!closedByServer(held.get(0)), "the ones within the limit stay open");
            assertEquals("HTTP/1.1 200", metadataFrom("127.0.0.2"), "another address is served");
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // Closed connections give their places back: many more than the limit, one after another.
        Thread.sleep(500);
        for (int i = 0; i < 3 * CONNECTIONS; i++) {
            assertEquals("HTTP/1.1 200", metadataFrom("127.0.0.1"), "connection " + i + " after the others closed");
        }
    }

    /** The status line of GET /metadata on a new connection from {@code localAddress}, closed after. */
    private static String metadataFrom(String localAddress) throws Exception {
        try (Socket socket = connectFrom(localAddress)) {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write("GET /fhir/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            socket.getInputStream().readAllBytes();
            return status;
        }
    }

    private static Socket connectFrom(String localAddress) throws Exception {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
        socket.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.port()), 5000);
        socket.setSoTimeout(1500);
        return socket;
    }

    /** True when the server closed the connection: reading ends instead of timing out. */
    private static boolean closedByServer(Socket socket) throws Exception {
        try {
            InputStream in = socket.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    private static String bundleOf(String type, int entries, String family) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            items.add("{\"resource\":" + patientJson(family) + ",\"request\":{\"method\":\"POST\",\"url\":\"Patient\"}}");
        }
        return "{\"resourceType\":\"Bundle\",\"type\":\"" + type + "\",\"entry\":[" + String.join(",", items) + "]}";
    }

    private static void assertRefused(Http.Response response, int status, String mentions) {
        assertEquals(status, response.status(), response::toString);
        String diagnostics = response.operationOutcome().getIssueFirstRep().getDiagnostics();
        assertTrue(diagnostics != null && diagnostics.contains(mentions), response::toString);
        assertTrue(!diagnostics.toLowerCase(Locale.ROOT).contains("exception")
                && !diagnostics.toLowerCase(Locale.ROOT).contains("select "), response::toString);
    }
}
