package org.releasedpn.fhir.bench;

import org.releasedpn.fhir.bench.http.LoopbackGuard;
import org.releasedpn.fhir.bench.report.BenchReport;
import org.releasedpn.fhir.bench.report.ReportJson;
import org.releasedpn.fhir.bench.report.ReportTable;
import org.releasedpn.fhir.bench.workload.Workload;
import org.releasedpn.fhir.bench.workload.WorkloadContext;
import org.releasedpn.fhir.bench.workload.Workloads;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Entry point: reads the options, runs the chosen workload, prints the table and writes the JSON.
 * Exit status: 0 all requests succeeded, 1 some failed or the run was aborted, 2 bad command line.
 */
public final class BenchMain {
    public static final int OK = 0;
    public static final int FAILURES = 1;
    public static final int USAGE = 2;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole run without System.exit, so the smoke test can call it in-process. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)}, with the environment (FHIR_ACCESS_TOKEN) passed in. */
    public static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        BenchOptions options;
        Workload workload;
        try {
            options = BenchOptions.parse(args, environment);
            Optional<Workload> named = Workloads.named(options.workload());
            if (named.isEmpty()) {
                throw new IllegalArgumentException("unknown workload " + options.workload());
            }
            workload = named.get();
            new LoopbackGuard(options.allowRemote()).check(options.baseUrl());
        } catch (BenchOptions.HelpRequested help) {
            out.print(Usage.text());
            return OK;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println("run with --help for usage");
            return USAGE;
        }

        BenchReport.Builder builder = new BenchReport.Builder(workload.name(), Instant.now().toString(),
                options.asSettings());
        boolean aborted = false;
        try {
            WorkloadContext context = WorkloadContext.create(options, builder, err);
            workload.run(context);
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Refused target, missing option, nothing enrolled, server never ready: report and stop.
            aborted = true;
            builder.fact("aborted", e.getMessage());
            err.println("error: " + e.getMessage());
        } catch (Exception e) {
            aborted = true;
            builder.fact("aborted", e.toString());
            err.println("error: " + e);
        }
        BenchReport report = builder.build();
        ReportTable.print(report, out);
        try {
            ReportJson.write(report, options.out());
            out.println("results written to " + options.out().toAbsolutePath());
        } catch (IOException e) {
            err.println("error: could not write " + options.out() + ": " + e.getMessage());
            return FAILURES;
        }
        return aborted || report.totalErrors() > 0 ? FAILURES : OK;
    }
}
