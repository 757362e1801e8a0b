package org.releasedpn.fhir.faults;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.releasedpn.fhir.testsupport.FhirEndpoint;

/**
 * The server as an operating-system process of its own, started as {@code Main} is started (same
 * classes, {@code -Xmx768m -XX:+UseSerialGC}), so that a test can kill it with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private final Process process;
    private final FhirEndpoint endpoint;

    private ServerProcess(Process process, FhirEndpoint endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    static ServerProcess start(Map<String, String> storage, Path log) throws IOException, InterruptedException {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "org.releasedpn.fhir.bootstrap.Main");
        builder.environment().putAll(storage);
        builder.environment().put("FHIR_PORT", Integer.toString(port));
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        FhirEndpoint endpoint = new FhirEndpoint(URI.create("http://127.0.0.1:" + port + "/fhir"));
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server process exited with " + process.exitValue() + "; see " + log);
            }
            if (answers(endpoint)) {
                return new ServerProcess(process, endpoint);
            }
            Thread.sleep(500);
        }
        process.destroyForcibly();
        throw new IllegalStateException("The server process was not ready within " + START_TIMEOUT + "; see " + log);
    }

    FhirEndpoint fhir() {
        return endpoint;
    }

    /** SIGKILL: no shutdown hook, no flush, nothing the process can do. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
            kill();
        }
    }

    private static boolean answers(FhirEndpoint endpoint) {
        try {
            return endpoint.isUp();
        } catch (AssertionError notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static Path logFile(String name) {
        return new File(System.getProperty("java.io.tmpdir"), name + "-" + ProcessHandle.current().pid() + ".log").toPath();
    }
}
