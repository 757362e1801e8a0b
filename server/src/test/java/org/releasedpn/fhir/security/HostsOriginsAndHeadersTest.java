package org.releasedpn.fhir.security;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.patientJson;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.RawHttp;
import org.releasedpn.fhir.testsupport.ServerWithTokens;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestIdentityProvider;

/**
 * What the server says to the world outside FHIR's resources, on a server as it is deployed
 * (tokens required, FHIR_BASE_URL unset so links follow the request): which Host names it answers
 * (FHIR_ALLOWED_HOSTS), CORS for a browser page of FHIR_CORS_ORIGINS, and no product banner in any
 * answer. One server for all, as each takes half a minute to start.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostsOriginsAndHeadersTest {
    private static final String ALLOWED_HOST = "fhir.example.org";
    private static final String APP = "https://app.example.org";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private ServerWithTokens running;
    private TestIdentityProvider idp;
    private FhirServer server;
    private FhirEndpoint fhir;
    private String token;

    @BeforeAll
    void start() throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("FHIR_ALLOWED_HOSTS", "other.example.org, " + ALLOWED_HOST);
        env.put("FHIR_CORS_ORIGINS", APP + ",http://localhost:3000");
        running = ServerWithTokens.start(Storage.h2(), env);
        idp = running.idp();
        server = running.server();
        fhir = running.fhir();
        token = idp.token("system/*.cruds dpn/identified"); // identified: the tests search by family name
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    @Nested
    class AllowedHosts {

        @Test
        void aPagedSearchAddressedToAForeignHostIs400NamingTheHostAndTheSetting() {
            String family = threePatients();

            Http.Response refused = raw("GET /fhir/Patient?family:exact=" + family + "&_count=2 HTTP/1.1",
                    "Host: evil.example.org", "Authorization: Bearer " + token);

            assertEquals(400, refused.status(), refused::toString);
            String diagnostics = refused.operationOutcome().getIssueFirstRep().getDiagnostics();
            assertTrue(diagnostics.contains("'evil.example.org'") && diagnostics.contains("FHIR_ALLOWED_HOSTS"), diagnostics);
            assertFalse(refused.body().contains("_getpages"), refused::toString);
        }

        @Test
        void aForeignHostIsRefusedBeforeTheTokenIsAskedFor() {
            Http.Response refused = raw("GET /fhir/Patient HTTP/1.1", "Host: evil.example.org:" + server.port());

            assertEquals(400, refused.status(), refused::toString);
            assertNull(refused.header("WWW-Authenticate"), refused::toString);
        }

        @Test
        void anAllowedHostIsServedAndThePagingLinksCarryIt() {
            String family = threePatients();

            Http.Response page = raw("GET /fhir/Patient?family:exact=" + family + "&_count=2 HTTP/1.1",
                    "Host: FHIR.example.org:" + server.port(), "Authorization: Bearer " + token);

            assertEquals(200, page.status(), page::toString);
            String next = page.resource(Bundle.class).getLink(Bundle.LINK_NEXT).getUrl();
            assertTrue(next.toLowerCase(Locale.ROOT).startsWith("http://fhir.example.org:" + server.port() + "/fhir"), next);
        }

        @Test
        void forwardedHostHeadersReachNoLink() {
            // Neither Jetty (no ForwardedRequestCustomizer) nor HAPI reads them: nothing to check there.
            String family = threePatients();

            Http.Response page = raw("GET /fhir/Patient?family:exact=" + family + "&_count=2 HTTP/1.1",
                    "Host: 127.0.0.1:" + server.port(), "X-Forwarded-Host: evil.example.org",
                    "Forwarded: host=evil.example.org", "Authorization: Bearer " + token);

            assertEquals(200, page.status(), page::toString);
            assertFalse(page.body().contains("evil.example.org"), page::toString);
        }

        @Test
        void anHttp10RequestWithoutHostGetsLinksToTheAddressItReached() {
            String family = threePatients();

            Http.Response page = raw("GET /fhir/Patient?family:exact=" + family + "&_count=2 HTTP/1.0",
                    "Authorization: Bearer " + token);

            assertEquals(200, page.status(), page::toString);
            String next = page.resource(Bundle.class).getLink(Bundle.LINK_NEXT).getUrl();
            assertTrue(next.startsWith("http://127.0.0.1:" + server.port() + "/fhir"), next);
        }

        @Test
        void loopbackNamesAreServed() {
            for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
                Http.Response answer = raw("GET /fhir/metadata HTTP/1.1", "Host: " + host + ":" + server.port());
                assertEquals(200, answer.status(), () -> host + ": " + answer);
            }
        }
    }

    @Nested
    class Cors {

        @Test
        void aPreflightFromAnAllowedOriginIsAnsweredWithoutAToken() {
            Http.Response preflight = Http.exchange("OPTIONS", fhir.uri("Patient"), null, TIMEOUT,
                    "Origin", APP, "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "authorization,content-type,if-none-exist");

            assertAll(
                    () -> assertTrue(preflight.status() == 200 || preflight.status() == 204, preflight::toString),
                    () -> assertEquals(APP, preflight.header("Access-Control-Allow-Origin")),
                    () -> assertTrue(listed(preflight, "Access-Control-Allow-Methods")
                            .containsAll(List.of("get", "post", "put", "patch", "delete")), preflight::toString),
                    () -> assertTrue(listed(preflight, "Access-Control-Allow-Headers").containsAll(List.of("authorization",
                            "content-type", "prefer", "if-match", "if-none-exist", "if-none-match",
                            "if-modified-since", "x-request-id")), preflight::toString),
                    () -> assertNull(preflight.header("Access-Control-Allow-Credentials")),
                    () -> assertNull(preflight.header("WWW-Authenticate")));
        }

        @Test
        void aPreflightFromAnotherOriginGetsNoCorsPermission() {
            Http.Response preflight = Http.exchange("OPTIONS", fhir.uri("Patient"), null, TIMEOUT,
                    "Origin", "https://evil.example.org", "Access-Control-Request-Method", "POST");

            assertNull(preflight.header("Access-Control-Allow-Origin"), preflight::toString);
            assertNull(preflight.header("Access-Control-Allow-Methods"), preflight::toString);
        }

        @Test
        void anActualRequestFromAnAllowedOriginMayBeReadWithItsHeaders() {
            Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(unique("Cors")),
                    "Origin", "http://localhost:3000", "Authorization", "Bearer " + token);

            assertEquals(201, created.status(), created::toString);
            assertEquals("http://localhost:3000", created.header("Access-Control-Allow-Origin"));
            assertTrue(listed(created, "Access-Control-Expose-Headers").containsAll(List.of("location",
                    "content-location", "etag", "last-modified", "www-authenticate", "x-progress", "retry-after")),
                    created::toString);
        }

        @Test
        void aRefusalIsReadableByTheAllowedPageToo() {
            Http.Response refused = Http.get(fhir.uri("Patient"), "Origin", APP);

            assertEquals(401, refused.status(), refused::toString);
            assertEquals(APP, refused.header("Access-Control-Allow-Origin"));
        }

        private static List<String> listed(Http.Response answer, String header) {
            String value = answer.header(header);
            return value == null ? List.of() : Arrays.stream(value.split(","))
                    .map(item -> item.trim().toLowerCase(Locale.ROOT)).toList();
        }
    }

    @Nested
    class NoProductBanner {

        @Test
        void noAnswerNamesTheServersSoftware() {
            List<Http.Response> answers = List.of(
                    Http.get(fhir.uri("metadata")),                                                       // 200
                    Http.get(fhir.uri("Patient/" + unique("absent")), "Authorization", "Bearer " + token),  // 404
                    Http.get(fhir.uri("Patient")),                                                        // 401
                    Http.get(fhir.uri("Patient?_count=abc"), "Authorization", "Bearer " + token),          // 400
                    Http.get(URI.create("http://127.0.0.1:" + server.port() + "/nothing-here")),          // 404, no HAPI
                    raw("GET /fhir/metadata HTTP/1.1", "Host: evil.example.org"));                        // 400, filter
            assertEquals(List.of(200, 404, 401, 400, 404, 400), answers.stream().map(Http.Response::status).toList(),
                    answers::toString);
            for (Http.Response answer : answers) {
                assertNull(answer.header("X-Powered-By"), answer::toString);
                assertNull(answer.header("Server"), answer::toString);
                assertFalse(answer.body().contains("HAPI FHIR 8"), answer::toString);
            }
        }
    }

    private String threePatients() {
        String family = unique("Hosts");
        for (int i = 0; i < 3; i++) {
            Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(family),
                    "Authorization", "Bearer " + token);
            assertEquals(201, created.status(), created::toString);
        }
        return family;
    }

    /** {@code requestLine} and {@code headers} exactly as given: the JDK client will not send a Host of our choosing. */
    private Http.Response raw(String requestLine, String... headers) {
        StringBuilder request = new StringBuilder(requestLine).append("\r\n");
        for (String header : headers) {
            request.append(header).append("\r\n");
        }
        request.append("Accept: application/fhir+json\r\nConnection: close\r\n\r\n");
        return RawHttp.exchange("127.0.0.1", server.port(), request.toString().getBytes(StandardCharsets.US_ASCII), TIMEOUT);
    }
}
