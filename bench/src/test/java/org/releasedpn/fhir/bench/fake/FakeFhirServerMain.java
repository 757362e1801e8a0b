package org.releasedpn.fhir.bench.fake;

/**
 * The fake endpoint as a process, standing in for the server jar in the startup workload's test:
 * reads FHIR_PORT like the real server and runs until SIGTERM.
 */
public final class FakeFhirServerMain {
    private FakeFhirServerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("FHIR_PORT", "8080"));
        FakeFhirServer server = FakeFhirServer.start(port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        System.out.println("fake FHIR server ready at " + server.baseUrl());
        Thread.currentThread().join();
    }
}
