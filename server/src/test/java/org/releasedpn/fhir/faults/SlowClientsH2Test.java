package org.releasedpn.fhir.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.testsupport.Storage;

/**
 * {@value #SLOW_CONNECTIONS} connections, spread over four client addresses, each sending a POST
 * body at one byte every two seconds (and reconnecting when cut off), while another address asks
 * for /metadata four times a second: /metadata keeps answering within a second (p99), and the
 * slow bodies are cut off for sending below the minimum data rate. The server is a process of its
 * own with the heap it runs with in production, not the test JVM (whose heap holds every other
 * test server, and whose full collections paused it for seconds). Loopback only: 127.0.0.0/8 is
 * all this machine's.
 */
class SlowClientsH2Test {
    private static final int SLOW_CONNECTIONS = 200;
    private static final int SLOW_ADDRESSES = 4;
    private static final long RUN_MILLIS = 40_000;

    @Test
    void metadataAnswersWithinASecondWhileTwoHundredSlowClientsAreConnected() throws Exception {
        try (Storage storage = Storage.h2();
             ServerProcess server = ServerProcess.start(storage.environment(), ServerProcess.logFile("slow-clients"))) {
            metadataStaysFast(server.fhir().base().getPort());
        }
    }

    private static void metadataStaysFast(int port) throws Exception {
        AtomicInteger cutOff = new AtomicInteger();
        long end = System.currentTimeMillis() + RUN_MILLIS;
        ExecutorService slow = Executors.newFixedThreadPool(SLOW_CONNECTIONS);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        metadataMillis("127.0.0.2", port); // the first one builds the CapabilityStatement HAPI then caches
        try {
            for (int i = 0; i < SLOW_CONNECTIONS; i++) {
                String address = "127.0.0." + (10 + i % SLOW_ADDRESSES);
                slow.submit(() -> trickleUntil(end, address, port, cutOff));
            }
            Thread.sleep(3_000); // all slow connections open
            while (System.currentTimeMillis() < end) {
                latencies.add(metadataMillis("127.0.0.2", port));
                Thread.sleep(200);
            }
        } finally {
            slow.shutdownNow();
            slow.awaitTermination(30, TimeUnit.SECONDS);
        }

        List<Long> sorted = latencies.stream().sorted().toList();
        long p99 = sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(sorted.size() * 0.99) - 1));
        String summary = sorted.size() + " /metadata requests, median " + sorted.get(sorted.size() / 2) + " ms, p99 "
                + p99 + " ms, max " + sorted.get(sorted.size() - 1) + " ms; slow bodies cut off: " + cutOff.get();
        System.out.println("SlowClientsH2Test: " + summary);
        assertTrue(sorted.size() >= 50, summary);
        assertTrue(p99 < 1_000, summary);
        assertTrue(cutOff.get() > 0, "slow bodies are cut off for their data rate: " + summary);
    }

    /** One slow client: a POST whose 100,000-byte body comes one byte per two seconds, again when cut off. */
    private static void trickleUntil(long end, String address, int port, AtomicInteger cutOff) {
        while (System.currentTimeMillis() < end && !Thread.currentThread().isInterrupted()) {
            try (Socket socket = connect(address, port)) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST /fhir/Patient HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/fhir+json\r\n"
                        + "Content-Length: 100000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                InputStream in = socket.getInputStream();
                while (System.currentTimeMillis() < end) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(2_000);
                    if (in.available() > 0) {
                        String answer = new String(in.readNBytes(Math.min(in.available(), 12)), StandardCharsets.US_ASCII);
                        if (answer.startsWith("HTTP/1.1 408")) {
                            cutOff.incrementAndGet();
                        }
                        break;
                    }
                }
            } catch (IOException closed) {
                // cut off by the server (closed, reset) or refused: connect again, as a hostile client would
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long metadataMillis(String address, int port) throws IOException {
        long start = System.nanoTime();
        try (Socket socket = connect(address, port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("GET /fhir/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] answer = socket.getInputStream().readAllBytes();
            assertEquals("HTTP/1.1 200", new String(answer, 0, 12, StandardCharsets.US_ASCII));
        }
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static Socket connect(String address, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        return socket;
    }
}
