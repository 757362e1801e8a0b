package org.releasedpn.fhir.testsupport;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.config.ServerConfig;

/**
 * Real servers for the integration tests, built as {@code Main} builds them but on a free port.
 * A server takes 15-25 s to start, so the REST suites share one per database: started on first
 * use and stopped, with its storage removed, when the whole test run ends.
 */
public final class TestServers {
    private static final Namespace NAMESPACE = Namespace.create(TestServers.class);

    private TestServers() {
    }

    /** A new server on port 0 over {@code storage}, with {@code variables} (e.g. FHIR_BASE_URL) on top. */
    public static FhirServer start(Storage storage, Map<String, String> variables) throws Exception {
        Map<String, String> env = new HashMap<>(storage.environment());
        env.put("FHIR_PORT", "0");
        env.putAll(variables);
        return new FhirServer(ServerConfig.fromEnvironment(env)).start();
    }

    public static FhirServer start(Storage storage) throws Exception {
        return start(storage, Map.of());
    }

    static FhirServer sharedH2(ExtensionContext context) {
        return shared(context, "h2", Storage::h2);
    }

    static FhirServer sharedPostgres(ExtensionContext context) {
        return shared(context, "postgresql", Storage::postgres);
    }

    private static FhirServer shared(ExtensionContext context, String key, Supplier<Storage> storage) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(key, k -> SharedServer.start(storage.get()), SharedServer.class)
                .server();
    }

    /** A shared server and its storage, closed by JUnit when the root context closes. */
    private record SharedServer(FhirServer server, Storage storage) implements ExtensionContext.Store.CloseableResource {
        static SharedServer start(Storage storage) {
            try {
                return new SharedServer(TestServers.start(storage), storage);
            } catch (Exception e) {
                storage.close();
                throw new IllegalStateException("The shared " + storage.name() + " test server did not start", e);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                server.stop();
            } finally {
                storage.close();
            }
        }
    }
}
