package org.releasedpn.fhir.testsupport;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import java.net.URI;
import org.hl7.fhir.r4.model.Bundle;
import org.releasedpn.fhir.bootstrap.FhirServer;

/** A running server's FHIR base, reached with HAPI's generic client or with plain HTTP. */
public final class FhirEndpoint {
    static {
        FhirContext context = FhirContext.forR4Cached();
        // The tests read /metadata themselves; the client need not fetch it before every request.
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        context.getRestfulClientFactory().setSocketTimeout(120_000);
    }

    private final URI base;
    private final IGenericClient client;

    public FhirEndpoint(FhirServer server) {
        this(server.baseUrl());
    }

    public FhirEndpoint(URI base) {
        this.base = base;
        this.client = FhirContext.forR4Cached().newRestfulGenericClient(base.toString());
    }

    public IGenericClient client() {
        return client;
    }

    public URI base() {
        return base;
    }

    /** {@code base + "/" + path}; {@code path} may carry a query ("Patient?family=x"). */
    public URI uri(String path) {
        return URI.create(base + "/" + path);
    }

    /** How many resources a search finds, asked with {@code _summary=count} over plain HTTP. */
    public int count(String search) {
        Http.Response response = Http.get(uri(search + (search.contains("?") ? "&" : "?") + "_summary=count"));
        if (response.status() != 200) {
            throw new AssertionError("Counting " + search + " failed: " + response);
        }
        return response.resource(Bundle.class).getTotal();
    }

    /** The server still answers: its CapabilityStatement is served. */
    public boolean isUp() {
        return Http.get(uri("metadata")).status() == 200;
    }
}
