package org.releasedpn.fhir.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.patientJson;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.RawHttp;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/**
 * A server started with FHIR_BASE_URL (as behind a reverse proxy) and a small
 * FHIR_MAX_REQUEST_BYTES: both settings take effect on the wire.
 */
class ConfiguredServerTest {
    private static final String PUBLIC_BASE = "https://fhir.example.org/dpn/fhir";
    private static final int LIMIT = 64 * 1024;

    private static Storage storage;
    private static FhirServer server;
    private static FhirEndpoint fhir;

    @BeforeAll
    static void start() throws Exception {
        storage = Storage.h2();
        server = TestServers.start(storage, Map.of(
                "FHIR_BASE_URL", PUBLIC_BASE + "/", "FHIR_MAX_REQUEST_BYTES", Integer.toString(LIMIT)));
        fhir = new FhirEndpoint(server);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            storage.close();
        }
    }

    @Test
    void locationHeaderUsesTheBaseUrl() {
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(unique("Base")));

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.header("Location").startsWith(PUBLIC_BASE + "/Patient/"), created.header("Location"));
    }

    @Test
    void searchBundleLinksUseTheBaseUrl() {
        String family = unique("Links");
        for (int i = 0; i < 3; i++) {
            fhir.client().create().resource(patient(family)).execute();
        }

        Http.Response response = Http.get(fhir.uri("Patient?family:exact=" + family + "&_count=2"));

        assertEquals(200, response.status(), response::toString);
        Bundle bundle = response.resource(Bundle.class);
        assertTrue(bundle.getLink(Bundle.LINK_SELF).getUrl().startsWith(PUBLIC_BASE + "/Patient?"),
                bundle.getLink(Bundle.LINK_SELF).getUrl());
        assertTrue(bundle.getLink(Bundle.LINK_NEXT).getUrl().startsWith(PUBLIC_BASE + "?"),
                bundle.getLink(Bundle.LINK_NEXT).getUrl());
        assertTrue(bundle.getEntry().stream().allMatch(entry -> entry.getFullUrl().startsWith(PUBLIC_BASE + "/Patient/")));
    }

    @Test
    void theBaseUrlsHostIsServedAndAForeignHostIsNot() {
        Http.Response own = RawHttp.exchange("127.0.0.1", server.port(), request("fhir.example.org"), Duration.ofSeconds(60));
        Http.Response foreign = RawHttp.exchange("127.0.0.1", server.port(), request("evil.example.org"), Duration.ofSeconds(60));

        assertEquals(200, own.status(), own::toString);
        assertEquals(400, foreign.status(), foreign::toString);
    }

    private static byte[] request(String host) {
        return ("GET /fhir/metadata HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void bodyJustUnderTheLimitIsAccepted() {
        String family = unique("Fits");
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, paddedPatient(family, LIMIT - 512));

        assertEquals(201, created.status(), created::toString);
        assertEquals(1, fhir.count("Patient?family:exact=" + family));
    }

    @Test
    void bodyJustOverTheLimitIsRefusedWith413() {
        String family = unique("TooBig");
        Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, paddedPatient(family, LIMIT + 1));

        assertEquals(413, refused.status(), refused::toString);
        assertTrue(refused.operationOutcome().getIssueFirstRep().getDiagnostics().contains(Integer.toString(LIMIT)),
                refused::toString);
        assertEquals(0, fhir.count("Patient?family:exact=" + family));
    }

    /** A valid Patient of exactly {@code bytes} bytes, padded with a long address line. */
    private static String paddedPatient(String family, int bytes) {
        String json = patientJson(family);
        String start = json.substring(0, json.length() - 1) + ",\"address\":[{\"line\":[\"";
        String end = "\"]}]}";
        return start + "x".repeat(bytes - start.length() - end.length()) + end;
    }
}
