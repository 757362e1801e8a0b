package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Http.FHIR_XML;
import static org.releasedpn.fhir.testsupport.Resources.patientJson;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.config.RequestLimitSettings;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/**
 * Bodies and requests the server must refuse: each answer is a 4xx OperationOutcome that says what
 * is wrong, nothing is stored, and the server keeps answering. Every body carries a Patient family
 * name no other test uses, so "nothing stored" is a search for it.
 */
abstract class BadInputSuite {
    private static final int MIB = 1024 * 1024;
    private FhirEndpoint fhir;
    private String family;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        family = unique("Bad");
        assertEquals(0, fhir.count("Patient?family:exact=" + family));
    }

    @AfterEach
    void storedNothingAndStillUp() {
        assertTrue(fhir.isUp(), "the server still answers after the bad request");
        assertEquals(0, fhir.count("Patient?family:exact=" + family), "nothing of the bad request is stored");
    }

    @Test
    void malformedJson() {
        String truncated = patientJson(family).substring(0, patientJson(family).length() - 10);

        assertRefused(post("Patient", FHIR_JSON, truncated), 400, "json");
    }

    @Test
    void malformedXml() {
        String unclosed = "<Patient xmlns=\"http://hl7.org/fhir\"><name><family value=\"" + family + "\"/></name>";

        assertRefused(post("Patient", FHIR_XML, unclosed), 400, "xml");
    }

    @Test
    void unknownResourceType() {
        Http.Response response = post("Foo", FHIR_JSON, patientJson(family).replace("\"Patient\"", "\"Foo\""));

        assertRefused(response, 404, "Unknown resource type 'Foo'");
    }

    @Test
    void contentTypeThatIsNotFhir() {
        assertRefused(post("Patient", "text/plain", patientJson(family)), 415, "text/plain");
    }

    @Test
    void putWhoseBodyIdDiffersFromTheUrl() {
        String urlId = unique("url");
        String body = patientJson(family).replace("{\"resourceType\":\"Patient\",",
                "{\"resourceType\":\"Patient\",\"id\":\"" + unique("body") + "\",");

        assertRefused(Http.send("PUT", fhir.uri("Patient/" + urlId), FHIR_JSON, body), 400, "does not match URL ID");
        assertEquals(404, Http.get(fhir.uri("Patient/" + urlId)).status());
    }

    @Test
    void unknownElement() {
        String body = patientJson(family).replace("\"gender\"", "\"foo\":1,\"gender\"");

        assertRefused(post("Patient", FHIR_JSON, body), 400, "foo");
    }

    @Test
    void wrongDatatype() {
        String body = patientJson(family).replace("\"birthDate\":\"1960-05-17\"", "\"birthDate\":12");

        assertRefused(post("Patient", FHIR_JSON, body), 400, "birthDate");
    }

    @Test
    void bodyLargerThanTheLimit() {
        byte[] body = patientWithLongGivenName(RequestLimitSettings.DEFAULT_MAX_REQUEST_BYTES + MIB);

        assertRefused(Http.send("POST", fhir.uri("Patient"), FHIR_JSON, body), 413, "FHIR_MAX_REQUEST_BYTES");
    }

    @Test
    void streamedBodyLargerThanTheLimit() {
        byte[] body = patientWithManyNames(RequestLimitSettings.DEFAULT_MAX_REQUEST_BYTES + 4 * MIB);

        Http.Response response = Http.sendStreamed("POST", fhir.uri("Patient"), FHIR_JSON,
                () -> new ByteArrayInputStream(body));

        assertRefused(response, 413, "FHIR_MAX_REQUEST_BYTES");
    }

    @Test
    void gzipBomb() throws IOException {
        byte[] bomb = gzip(patientWithLongGivenName(4L * RequestLimitSettings.DEFAULT_MAX_REQUEST_BYTES));
        assertTrue(bomb.length < MIB, "the compressed body is small: " + bomb.length);

        Http.Response response = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, bomb, "Content-Encoding", "gzip");

        assertRefused(response, 413, "FHIR_MAX_REQUEST_BYTES");
    }

    @Test
    void deeplyNestedJson() {
        int depth = 5_000;
        StringBuilder body = new StringBuilder("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\"}]");
        for (int i = 0; i < depth; i++) {
            body.append(",\"extension\":[{\"url\":\"https://example.org/fhir-it/nested\"");
        }
        body.append(",\"valueString\":\"deep\"");
        body.append("}]".repeat(depth)).append('}');

        assertRefused(post("Patient", FHIR_JSON, body.toString()), 400, "nested more than");
    }

    @Test
    void xmlExternalEntity() {
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <Patient xmlns="http://hl7.org/fhir">
                  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">&xxe;</div></text>
                  <name><family value="%s"/></name>
                </Patient>""".formatted(family);

        Http.Response response = post("Patient", FHIR_XML, body);

        assertFalse(response.body().contains("root:"), "/etc/passwd leaked: " + response);
        assertRefused(response, 400, "entity");
        String search = Http.get(fhir.uri("Patient?family:exact=" + family + "&_format=xml")).body();
        assertFalse(search.contains("root:"), "/etc/passwd leaked into storage");
    }

    @Test
    void xmlEntityExpansion() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10))
                    .append("\">");
        }
        String body = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE lolz [%s]>
                <Patient xmlns="http://hl7.org/fhir">
                  <text><status value="generated"/><div xmlns="http://www.w3.org/1999/xhtml">&lol9;</div></text>
                  <name><family value="%s"/></name>
                </Patient>""".formatted(entities, family);

        long start = System.nanoTime();
        Http.Response response = post("Patient", FHIR_XML, body);
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertRefused(response, 400, "entity");
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "refused quickly, took " + took);
    }

    @Test
    void pathOutsideFhir() {
        for (String path : new String[] {"/", "/admin", "/fhirx/Patient", "/Patient/1"}) {
            Http.Response response = Http.get(fhir.base().resolve(path));

            assertRefused(response, 404, "/fhir");
        }
        assertRefused(Http.send("POST", fhir.base().resolve("/Patient"), FHIR_JSON, patientJson(family)), 404, "/fhir");
    }

    private Http.Response post(String path, String contentType, String body) {
        return Http.send("POST", fhir.uri(path), contentType, body);
    }

    /** The status, and an OperationOutcome whose diagnostics are there and mention {@code mentions}. */
    private static void assertRefused(Http.Response response, int status, String mentions) {
        assertEquals(status, response.status(), response::toString);
        assertTrue(response.contentType().startsWith("application/fhir+"), response::toString);
        OperationOutcome outcome = response.operationOutcome();
        assertFalse(outcome.getIssue().isEmpty(), response::toString);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertEquals(OperationOutcome.IssueSeverity.ERROR, issue.getSeverity(), response::toString);
        String diagnostics = issue.getDiagnostics() == null ? "" : issue.getDiagnostics();
        assertTrue(diagnostics.length() > 10, "meaningful diagnostics: " + response);
        assertTrue(diagnostics.toLowerCase(Locale.ROOT).contains(mentions.toLowerCase(Locale.ROOT)),
                "diagnostics mention '" + mentions + "': " + response);
    }

    private byte[] patientWithLongGivenName(long bytes) {
        String start = "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"" + family + "\",\"given\":[\"";
        String end = "\"]}]}";
        byte[] body = new byte[(int) bytes];
        java.util.Arrays.fill(body, (byte) 'a');
        System.arraycopy(start.getBytes(StandardCharsets.UTF_8), 0, body, 0, start.length());
        System.arraycopy(end.getBytes(StandardCharsets.UTF_8), 0, body, body.length - end.length(), end.length());
        return body;
    }

    private byte[] patientWithManyNames(long atLeastBytes) {
        String name = "{\"family\":\"" + family + "\",\"given\":[\"Alex\"]}";
        StringBuilder body = new StringBuilder((int) atLeastBytes + 100).append("{\"resourceType\":\"Patient\",\"name\":[");
        body.append(name);
        while (body.length() < atLeastBytes) {
            body.append(',').append(name);
        }
        return body.append("]}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(plain);
        }
        return compressed.toByteArray();
    }
}
