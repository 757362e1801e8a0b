package org.releasedpn.fhir.bootstrap;

import java.time.Duration;
import java.util.List;
import org.releasedpn.fhir.study.ctgov.ImportCtgovCommand;
import java.util.Map;
import org.releasedpn.fhir.config.ConfigException;
import org.releasedpn.fhir.config.ServerConfig;
import org.releasedpn.fhir.conformance.InvalidPackageException;
import org.releasedpn.fhir.pseudonymisation.InvalidPseudonymisationRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar dpn-fhir-server.jar}: reads the configuration, starts the server, stops it on SIGTERM. */
public final class Main {
    private static final Logger log = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("import-ctgov")) {
            System.exit(ImportCtgovCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length > 0) {
            System.err.println("usage: java -jar dpn-fhir-server.jar                (start the server)\n"
                    + "       java -jar dpn-fhir-server.jar import-ctgov FILE [--server BASE_URL]\n"
                    + "           (a server that requires tokens: FHIR_ACCESS_TOKEN=<access token> in the environment)");
            System.exit(2);
        }
        long startNanos = System.nanoTime();
        ServerConfig config;
        try {
            config = ServerConfig.fromEnvironment(System.getenv());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        log.info("RELEASE-DPN FHIR server starting with configuration:{}", format(config.describe()));
        FhirServer server;
        try {
            server = new FhirServer(config).start();
        } catch (InvalidPackageException | InvalidPseudonymisationRules e) {
            log.error("Not started: {}", e.getMessage());
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(server), "shutdown"));
        Duration ready = Duration.ofNanos(System.nanoTime() - startNanos);
        long jvmUptime = java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime();
        log.info("Ready at {} in {} ms ({} ms since JVM start)", server.baseUrl(), ready.toMillis(), jvmUptime);
    }

    private static void stopQuietly(FhirServer server) {
        log.info("Stopping: finishing in-flight requests, then closing the database");
        try {
            server.stop();
            log.info("Stopped");
        } catch (Exception e) {
            log.error("Error while stopping", e);
        }
    }

    private static String format(Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((name, value) -> text.append("\n  ").append(name).append(" = ").append(value));
        return text.toString();
    }
}
