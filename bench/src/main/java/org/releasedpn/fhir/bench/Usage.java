package org.releasedpn.fhir.bench;

import org.releasedpn.fhir.bench.workload.Workload;
import org.releasedpn.fhir.bench.workload.Workloads;

/** The text printed for --help and for a mistaken command line. */
final class Usage {
    private Usage() {
    }

    static String text() {
        StringBuilder text = new StringBuilder("""
                usage: java -jar dpn-fhir-bench.jar WORKLOAD [options]

                Drives a FHIR R4 server over HTTP with RELEASE-DPN trial data and reports
                throughput and latency (table on stdout, JSON in --out, progress on stderr).

                workloads:
                """);
        for (Workload workload : Workloads.all()) {
            text.append("  %-12s %s%n".formatted(workload.name(), workload.summary()));
        }
        text.append("""

                options (defaults in brackets):
                  --base-url URL          FHIR base [http://127.0.0.1:8080/fhir]; loopback only unless --allow-remote
                  --clients N             concurrent load clients (threads) [1]
                  --requests N            measured requests (bundles for transaction) [1000]
                  --warmup N              warm-up requests, reported apart [100]
                  --out FILE              JSON result [bench/results/WORKLOAD.json]
                  --max-seconds N         time limit of every phase [600]
                  --seed N                data generator seed [20251001]
                  --run-id ID             goes into subject numbers; unique per run by default
                  --subjects N            subjects to enrol [about 1 per 25 resources]
                  --bundle-size N         entries per transaction Bundle [100]
                  --preload N             search: resources loaded before searching [1000]
                  --sizes A,B,C           scale: data sizes [10000,100000,1000000]
                  --write-percent N       mixed/startup: share of writes [70]
                  --server-pid PID        sample this server's RSS from /proc/PID/status
                  --allow-remote          permit a non-loopback --base-url
                  --request-timeout S     per-request timeout [60]
                  --progress-seconds S    progress line interval [5]
                environment:
                  FHIR_ACCESS_TOKEN       bearer token sent on every request, for a server with FHIR_AUTH_ISSUER
                                          (obtained beforehand; never an option, which ps would show)
                startup only:
                  --server-jar JAR        server to launch as java [--jvm-opt ...] -jar JAR
                  --server-class CLASS    or a main class, with --server-classpath CP [this JVM's class path]
                  --server-env K=V        environment for the server, repeatable (FHIR_PORT is set for you)
                  --jvm-opt OPT           JVM option for the server, repeatable (e.g. --jvm-opt -Xmx768m)
                  --server-log FILE       server output [OUT without .json + .server.log]
                  --startup-timeout S     give up waiting for /metadata [120]

                example:
                  java -jar bench/target/dpn-fhir-bench.jar ingest --base-url http://127.0.0.1:8080/fhir \\
                      --clients 4 --requests 2000 --warmup 200 --out bench/results/ingest-4.json
                """);
        return text.toString();
    }
}
