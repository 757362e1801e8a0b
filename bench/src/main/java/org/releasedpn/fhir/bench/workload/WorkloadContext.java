package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.BenchOptions;
import org.releasedpn.fhir.bench.data.TrialDataGenerator;
import org.releasedpn.fhir.bench.http.FhirClient;
import org.releasedpn.fhir.bench.http.LoopbackGuard;
import org.releasedpn.fhir.bench.report.BenchReport;
import org.releasedpn.fhir.bench.report.MemorySample;
import org.releasedpn.fhir.bench.server.ResidentMemory;

import java.io.PrintStream;
import java.net.URI;
import java.util.OptionalLong;

/**
 * What a workload works with: the options, a client for the server under test, the data
 * generator, the load runner and the report being filled. Built once per run by the main class.
 */
public final class WorkloadContext {
    /** One subject per this many clinical resources, a trial-like density for the searches by subject. */
    private static final int RESOURCES_PER_SUBJECT = 25;

    private final BenchOptions options;
    private final FhirClient client;
    private final TrialDataGenerator generator;
    private final LoadRunner runner;
    private final BenchReport.Builder report;
    private final OptionalLong serverPid;
    private final PrintStream progress;

    private WorkloadContext(BenchOptions options, FhirClient client, TrialDataGenerator generator,
                            BenchReport.Builder report, OptionalLong serverPid, PrintStream progress) {
        this.options = options;
        this.client = client;
        this.generator = generator;
        this.report = report;
        this.serverPid = serverPid;
        this.progress = progress;
        this.runner = new LoadRunner(options.clients(), options.maxTime(), options.progressEvery(), progress);
    }

    public static WorkloadContext create(BenchOptions options, BenchReport.Builder report, PrintStream progress) {
        OptionalLong pid = options.serverPid() == null ? OptionalLong.empty() : OptionalLong.of(options.serverPid());
        return new WorkloadContext(options, client(options, options.baseUrl()),
                new TrialDataGenerator(options.seed(), options.runId()), report, pid, progress);
    }

    /** The same run aimed at a server the harness launched itself (startup workload). */
    WorkloadContext against(URI baseUrl, long pid) {
        return new WorkloadContext(options, client(options, baseUrl), generator, report, OptionalLong.of(pid), progress);
    }

    private static FhirClient client(BenchOptions options, URI baseUrl) {
        return new FhirClient(baseUrl, options.requestTimeout(), new LoopbackGuard(options.allowRemote()),
                options.accessToken());
    }

    BenchOptions options() {
        return options;
    }

    FhirClient client() {
        return client;
    }

    TrialDataGenerator generator() {
        return generator;
    }

    LoadRunner runner() {
        return runner;
    }

    BenchReport.Builder report() {
        return report;
    }

    PrintStream progress() {
        return progress;
    }

    /** Runs a phase and records its rows; a phase of zero steps (e.g. --warmup 0) is left out. */
    CompletedPhase phase(String phase, long steps, boolean countsResources, LoadStep step) {
        CompletedPhase completed = runner.run(phase, steps, countsResources, step);
        if (steps > 0) {
            report.addPhase(completed.results());
        }
        return completed;
    }

    /** Subjects to enrol for a load of {@code resources} clinical resources, unless --subjects says. */
    int subjectsFor(long resources) {
        if (options.subjects() > 0) {
            return options.subjects();
        }
        return (int) Math.max(5, Math.min(2_000, resources / RESOURCES_PER_SUBJECT));
    }

    /** Records the server's resident memory now, when the server's process is known and readable. */
    void sampleMemory(String moment) {
        serverPid.ifPresent(pid -> ResidentMemory.kilobytes(pid)
                .ifPresent(kb -> report.addMemory(MemorySample.ofKb(moment, kb))));
    }
}
