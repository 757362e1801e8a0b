package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.http.BearerToken;
import org.releasedpn.fhir.bench.http.FhirClient;
import org.releasedpn.fhir.bench.http.LoopbackGuard;
import org.releasedpn.fhir.bench.server.FreePort;
import org.releasedpn.fhir.bench.server.ServerLaunch;
import org.releasedpn.fhir.bench.server.ServerProcess;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Starts the server itself on a free loopback port and measures time from process start to the
 * first 200 from /metadata, resident memory after start and after a short mixed load, then stops it
 * with SIGTERM and waits. The path of --base-url is kept; its host and port are replaced.
 */
final class StartupWorkload implements Workload {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public String summary() {
        return "launch --server-jar on a free port: time to ready, RSS after start and after a short mixed load";
    }

    @Override
    public void run(WorkloadContext context) throws Exception {
        ServerLaunch launch = context.options().launch();
        if (launch == null) {
            throw new IllegalArgumentException("startup needs --server-jar (or --server-class)");
        }
        int port = FreePort.find();
        URI base = onPort(context.options().baseUrl(), port);
        context.report().fact("serverBaseUrl", base.toString());
        context.report().fact("serverLog", launch.log().toString());

        try (ServerProcess server = ServerProcess.start(launch, port)) {
            // The probe reads /metadata only, which a server answers without a token.
            FhirClient probe = new FhirClient(base, PROBE_TIMEOUT, new LoopbackGuard(false), BearerToken.none());
            Duration ready = server.awaitReady(probe, context.options().startupTimeout());
            context.report().fact("startupToReadyMs", ready.toMillis());
            context.report().fact("serverPid", server.pid());

            WorkloadContext launched = context.against(base, server.pid());
            launched.sampleMemory("after-start");
            new MixedWorkload().run(launched);

            ServerProcess.StopResult stop = server.stop(STOP_GRACE);
            context.report().fact("stopMs", stop.took().toMillis());
            context.report().fact("stopExitCode", stop.exitCode());
            context.report().fact("stoppedGracefully", stop.graceful());
        }
    }

    static URI onPort(URI baseUrl, int port) throws URISyntaxException {
        return new URI("http", null, "127.0.0.1", port, baseUrl.getPath(), null, null);
    }
}
