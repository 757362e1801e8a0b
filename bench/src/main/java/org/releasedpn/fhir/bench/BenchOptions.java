package org.releasedpn.fhir.bench;

import org.releasedpn.fhir.bench.http.BearerToken;
import org.releasedpn.fhir.bench.server.ServerLaunch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every setting of a run, read once from the command line and passed down; nothing deeper reads
 * arguments, properties or the environment.
 *
 * @param subjects    subjects to enrol before clinical data; 0 lets each workload size it (~1 per 25 resources)
 * @param serverPid   a server started elsewhere whose memory to sample; null when unknown
 * @param launch      how startup starts the server; null for the other workloads
 * @param accessToken FHIR_ACCESS_TOKEN (the environment, not an option: {@code ps} shows options), sent on every request
 */
public record BenchOptions(String workload, URI baseUrl, int clients, long requests, long warmup, Path out,
                           Duration maxTime, long seed, String runId, int subjects, int bundleSize, long preload,
                           List<Long> sizes, int writePercent, boolean allowRemote, Long serverPid,
                           ServerLaunch launch, Duration startupTimeout, Duration requestTimeout,
                           Duration progressEvery, BearerToken accessToken) {

    private static final Set<String> VALUE_OPTIONS = Set.of("base-url", "clients", "requests", "warmup", "out",
            "max-seconds", "seed", "run-id", "subjects", "bundle-size", "preload", "sizes", "write-percent",
            "server-pid", "server-jar", "server-class", "server-classpath", "server-env", "jvm-opt",
            "server-log", "startup-timeout", "request-timeout", "progress-seconds");
    private static final Set<String> FLAGS = Set.of("allow-remote", "help");

    /** Signals that usage was asked for rather than a run. */
    public static final class HelpRequested extends Exception {
        HelpRequested() {
            super("help");
        }
    }

    public static BenchOptions parse(String[] args) throws HelpRequested {
        return parse(args, System.getenv());
    }

    /** As {@link #parse(String[])}, with the environment passed in (for tests). */
    public static BenchOptions parse(String[] args, Map<String, String> environment) throws HelpRequested {
        CommandLine line = CommandLine.parse(args, VALUE_OPTIONS, FLAGS);
        if (line.has("help") || line.positional().isEmpty()) {
            throw new HelpRequested();
        }
        if (line.positional().size() > 1) {
            throw new IllegalArgumentException("one workload per run, got " + line.positional());
        }
        String workload = line.positional().get(0);
        Path out = Path.of(line.value("out", "bench/results/" + workload + ".json"));
        String runId = line.value("run-id", Long.toString(System.currentTimeMillis(), 36));
        return new BenchOptions(
                workload,
                URI.create(line.value("base-url", "http://127.0.0.1:8080/fhir")),
                (int) line.number("clients", 1, 1),
                line.number("requests", 1000, 0),
                line.number("warmup", 100, 0),
                out,
                Duration.ofSeconds(line.number("max-seconds", 600, 1)),
                line.number("seed", 20251001L, Long.MIN_VALUE),
                runId,
                (int) line.number("subjects", 0, 0),
                (int) line.number("bundle-size", 100, 1),
                line.number("preload", 1000, 0),
                sizes(line.value("sizes", "10000,100000,1000000")),
                (int) Math.min(100, line.number("write-percent", 70, 0)),
                line.has("allow-remote"),
                line.has("server-pid") ? line.number("server-pid", 0, 1) : null,
                launch(line, out),
                Duration.ofSeconds(line.number("startup-timeout", 120, 1)),
                Duration.ofSeconds(line.number("request-timeout", 60, 1)),
                Duration.ofSeconds(line.number("progress-seconds", 5, 1)),
                BearerToken.fromEnvironment(environment));
    }

    private static List<Long> sizes(String text) {
        try {
            List<Long> sizes = Arrays.stream(text.split(",")).map(String::trim).map(s -> s.replace("_", ""))
                    .map(Long::parseLong).sorted().toList();
            if (sizes.isEmpty() || sizes.get(0) < 1) {
                throw new IllegalArgumentException("--sizes must be positive: " + text);
            }
            return sizes;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--sizes must be a comma-separated list of counts: " + text);
        }
    }

    private static ServerLaunch launch(CommandLine line, Path out) {
        if (!line.has("server-jar") && !line.has("server-class")) {
            return null;
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String pair : line.all("server-env")) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--server-env needs K=V: " + pair);
            }
            environment.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        String jar = line.value("server-jar", null);
        Path log = Path.of(line.value("server-log", out.toString().replaceFirst("\\.json$", "") + ".server.log"));
        return new ServerLaunch(jar == null ? null : Path.of(jar), line.value("server-class", null),
                line.value("server-classpath", null), line.all("jvm-opt"), environment, log);
    }

    /** The settings recorded in the report, so a figure can always be traced to how it was made. */
    public Map<String, Object> asSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("baseUrl", baseUrl.toString());
        settings.put("clients", clients);
        settings.put("requests", requests);
        settings.put("warmup", warmup);
        settings.put("maxSeconds", maxTime.toSeconds());
        settings.put("seed", seed);
        settings.put("runId", runId);
        settings.put("subjects", subjects == 0 ? "auto" : subjects);
        settings.put("bundleSize", bundleSize);
        switch (workload) {
            case "search" -> settings.put("preload", preload);
            case "scale" -> settings.put("sizes", sizes);
            case "mixed", "startup" -> settings.put("writePercent", writePercent);
            default -> { }
        }
        if (launch != null) {
            settings.put("serverCommand", String.join(" ", launch.command(Path.of("java"))));
            settings.put("serverEnv", launch.environment().keySet());
        }
        settings.put("accessToken", accessToken.toString());
        settings.put("harnessJvm", Runtime.version().toString());
        settings.put("harnessMaxHeapMb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
        return settings;
    }
}
