package org.releasedpn.fhir.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Keycloak for the end-to-end suite: the distribution that Maven's {@code keycloak-tests}
 * profile unpacks into {@code target/keycloak}, started as a process of its own exactly as the
 * README tells an operator ({@code kc.sh start-dev --import-realm}, the realm file of
 * {@code docs/keycloak} in {@code data/import}), on loopback and a free port, with a fresh dev-mode
 * database (H2, in its {@code data} directory) each time. Its output goes to
 * {@code target/keycloak/keycloak.log}. Closing it ends Keycloak and its child processes.
 *
 * <p>Environment (set by server/pom.xml): {@code DPN_KEYCLOAK_HOME} (the unpacked distribution),
 * {@code DPN_KEYCLOAK_REALM} (the realm file); {@code DPN_KEYCLOAK_JAVA_HOME} (the JDK Keycloak runs
 * on, default {@value #DEFAULT_JAVA_HOME}).
 */
public final class KeycloakProcess implements AutoCloseable {
    public static final String REALM = "release-dpn";
    public static final String DEFAULT_JAVA_HOME = "/usr/lib/jvm/temurin-25-jdk-amd64";
    /**
     * Start-up takes about 35 s on two idle cores; the first start after unpacking also builds
     * Keycloak's dev-mode configuration (20-30 s more). On two cores shared with other builds (load
     * average 12-18) starts took 160-233 s, and a first start 101 + 172 s, hence 10 minutes (a
     * Keycloak that exits is noticed at once); {@code DPN_KEYCLOAK_START_SECONDS} changes it.
     */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(seconds("DPN_KEYCLOAK_START_SECONDS", 600));
    private static final Duration PROGRESS_REPORT = Duration.ofSeconds(30);

    private static final HttpClient PROBE = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    private final Process process;
    private final int port;
    private final Path log;
    private final Path realmFile;
    private final Instant launched = Instant.now();
    private final Thread shutdownHook;

    private KeycloakProcess(Process process, int port, Path log, Path realmFile) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.realmFile = realmFile;
        this.shutdownHook = new Thread(this::stop, "keycloak-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts Keycloak and returns at once; {@link #awaitReady()} waits until it serves the realm. */
    public static KeycloakProcess launch() {
        Path home = Path.of(required("DPN_KEYCLOAK_HOME", "the unpacked Keycloak distribution"));
        Path kc = home.resolve("bin/kc.sh");
        if (!Files.isRegularFile(kc)) {
            throw new IllegalStateException("Keycloak is not unpacked at " + home + " (no bin/kc.sh): run Maven with "
                    + "-Ddpn.test.keycloak=true, whose profile keycloak-tests unpacks org.keycloak:keycloak-quarkus-dist there");
        }
        Path realm = Path.of(required("DPN_KEYCLOAK_REALM", "the realm file to import"));
        if (!Files.isRegularFile(realm)) {
            throw new IllegalStateException("The realm file " + realm + " does not exist");
        }
        String javaHomeSetting = System.getenv("DPN_KEYCLOAK_JAVA_HOME");
        Path javaHome = Path.of(javaHomeSetting == null || javaHomeSetting.isBlank() ? DEFAULT_JAVA_HOME : javaHomeSetting);
        Path java = javaHome.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("No JDK for Keycloak at " + javaHome + " (no executable bin/java). Keycloak "
                    + "26.5 runs on JDK 21 or 25 (17 is deprecated): install one, or set DPN_KEYCLOAK_JAVA_HOME to its "
                    + "directory (default " + DEFAULT_JAVA_HOME + ")");
        }
        try {
            // A fresh dev database each time, so that the realm is imported from the file as it is now.
            Path data = home.resolve("data");
            deleteTree(data);
            Path imports = Files.createDirectories(data.resolve("import"));
            Files.copy(realm, imports.resolve(REALM + "-realm.json"));
            Path log = home.getParent().resolve("keycloak.log");

            int port = freePort();
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", kc.toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--import-realm")
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            // Keycloak reads KC_* variables as configuration; none of the caller's may leak in.
            env.keySet().removeIf(name -> name.startsWith("KC_") || name.startsWith("KEYCLOAK_")
                    || name.startsWith("JAVA_OPTS") || name.equals("JAVA_TOOL_OPTIONS"));
            env.put("JAVA_HOME", javaHome.toString());
            env.put("JAVA", java.toString());
            // Only the quick compiler: Keycloak is ready in about half the time on two busy cores (35 s, not 65 s).
            env.put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
            return new KeycloakProcess(builder.start(), port, log, realm);
        } catch (IOException e) {
            throw new UncheckedIOException("Keycloak did not start", e);
        }
    }

    /**
     * Waits until the realm's discovery document is served, at most {@link #START_TIMEOUT}.
     *
     * @return how long Keycloak took from launch until ready
     * @throws IllegalStateException Keycloak exited or did not become ready; the message ends with its log
     */
    public Duration awaitReady() throws InterruptedException {
        Instant deadline = launched.plus(START_TIMEOUT);
        HttpRequest probe = HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant nextReport = launched.plus(PROGRESS_REPORT);
        while (true) {
            if (Instant.now().isAfter(nextReport)) {
                // A slow start shows in the test output what Keycloak is doing.
                System.out.printf("Keycloak not ready yet after %d s (load average %s); its last line: %s%n",
                        Duration.between(launched, Instant.now()).toSeconds(), loadAverage(), logTail(1));
                nextReport = Instant.now().plus(PROGRESS_REPORT);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with status " + process.exitValue()
                        + " before it was ready. Its log (" + log + "):\n" + logTail(80));
            }
            try {
                if (PROBE.send(probe, BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.between(launched, Instant.now());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Keycloak did not serve realm " + REALM + " within "
                        + START_TIMEOUT.toSeconds() + " s (load average " + loadAverage() + "; DPN_KEYCLOAK_START_SECONDS "
                        + "allows more). Its log (" + log + "):\n" + logTail(80));
            }
            Thread.sleep(500);
        }
    }

    /** The realm's issuer URL, as it appears in {@code iss}. */
    public String issuer() {
        return "http://127.0.0.1:" + port + "/realms/" + REALM;
    }

    public Path realmFile() {
        return realmFile;
    }

    public Path log() {
        return log;
    }

    /** The last {@code lines} lines of Keycloak's output. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(the log " + log + " cannot be read: " + e + ")";
        }
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        stop();
    }

    /** SIGTERM to kc.sh and the JVM it started, then SIGKILL to whatever is still there after 30 s. */
    private void stop() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plusSeconds(30);
        for (ProcessHandle handle : all) {
            try {
                long left = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
                handle.onExit().get(left, TimeUnit.MILLISECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
    }

    private static String required(String name, String what) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " (" + what + ") is not set: run the suite through Maven with "
                    + "-Ddpn.test.keycloak=true (server/pom.xml sets it)");
        }
        return value;
    }

    private static long seconds(String variable, long otherwise) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? otherwise : Long.parseLong(value.trim());
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
