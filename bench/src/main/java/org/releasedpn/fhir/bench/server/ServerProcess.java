package org.releasedpn.fhir.bench.server;

import org.releasedpn.fhir.bench.http.FhirClient;
import org.releasedpn.fhir.bench.http.FhirResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server the harness started: when it was started, when it first answered /metadata with 200,
 * and a graceful stop (SIGTERM through {@link Process#destroy}) that waits for it to exit.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private final Process process;
    private final long startNanos;
    private final Path log;
    private final Thread killOnExit;

    private ServerProcess(Process process, long startNanos, Path log) {
        this.process = process;
        this.startNanos = startNanos;
        this.log = log;
        // If the harness is interrupted (Ctrl-C), do not leave a server holding the port and memory.
        this.killOnExit = new Thread(process::destroy, "stop-launched-server");
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    public static ServerProcess start(ServerLaunch launch, int port) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = launch.log().toAbsolutePath();
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(launch.command(java))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(launch.environment());
        builder.environment().put("FHIR_PORT", Integer.toString(port));
        long startNanos = System.nanoTime();
        return new ServerProcess(builder.start(), startNanos, log);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Polls /metadata until it answers 200 and returns the time from process start.
     *
     * @throws IllegalStateException when the server exits or the timeout passes first
     */
    public Duration awaitReady(FhirClient probe, Duration timeout) throws InterruptedException {
        long deadline = startNanos + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue()
                        + " before it was ready; log " + log + ":\n" + logTail());
            }
            FhirResponse response = probe.metadata();
            if (response.status() == 200) {
                return Duration.ofNanos(System.nanoTime() - startNanos);
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new IllegalStateException("server not ready after " + timeout.toSeconds() + " s; log " + log
                + ":\n" + logTail());
    }

    /** Sends SIGTERM, waits up to {@code grace}, then kills. Returns the exit code (-1 if it had to be killed). */
    public StopResult stop(Duration grace) throws InterruptedException {
        long stopStart = System.nanoTime();
        process.destroy();
        boolean exited = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        removeShutdownHook();
        return new StopResult(exited ? process.exitValue() : -1, Duration.ofNanos(System.nanoTime() - stopStart), exited);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop(Duration.ofSeconds(30));
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; nothing left to undo.
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** @param graceful whether the server exited by itself within the grace period after SIGTERM */
    public record StopResult(int exitCode, Duration took, boolean graceful) {
    }
}
