package org.releasedpn.fhir.testsupport;

import java.util.HashMap;
import java.util.Map;
import org.releasedpn.fhir.bootstrap.FhirServer;

/**
 * A server on its own storage that requires access tokens of a {@link TestIdentityProvider}: what
 * the suites with tokens start once and close at the end (server, then storage, then provider).
 */
public final class ServerWithTokens implements AutoCloseable {
    private final TestIdentityProvider idp;
    private final Storage storage;
    private final FhirServer server;
    private final FhirEndpoint fhir;

    private ServerWithTokens(TestIdentityProvider idp, Storage storage, FhirServer server) {
        this.idp = idp;
        this.storage = storage;
        this.server = server;
        this.fhir = new FhirEndpoint(server);
    }

    public static ServerWithTokens start(Storage storage) throws Exception {
        return start(storage, Map.of());
    }

    /** @param variables more of the server's environment, beside the identity provider's */
    public static ServerWithTokens start(Storage storage, Map<String, String> variables) throws Exception {
        TestIdentityProvider idp = TestIdentityProvider.start();
        try {
            Map<String, String> environment = new HashMap<>(idp.serverEnvironment());
            environment.putAll(variables);
            return new ServerWithTokens(idp, storage, TestServers.start(storage, environment));
        } catch (Exception | Error e) {
            storage.close();
            idp.close();
            throw e;
        }
    }

    public TestIdentityProvider idp() {
        return idp;
    }

    public FhirServer server() {
        return server;
    }

    public FhirEndpoint fhir() {
        return fhir;
    }

    @Override
    public void close() throws Exception {
        try {
            server.stop();
        } finally {
            storage.close();
            idp.close();
        }
    }
}
