package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /fhir/ResearchStudy/$import-ctgov} over real HTTP, against a fake store. */
class ImportCtgovOperationTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final InMemoryStudyStore store = new InMemoryStudyStore();
    private TestFhirServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = TestFhirServer.start(store);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @Test
    void theRegistryRecordIsStoredAsOneTransactionAndAnsweredWithItsResponse() throws Exception {
        HttpResponse<String> response = post(RegistryRecords.releaseDpnBytes());

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/fhir+json"));
        Bundle answer = parse(response.body(), Bundle.class);
        assertEquals(Bundle.BundleType.TRANSACTIONRESPONSE, answer.getType());
        assertEquals(List.of("201 Created"), answer.getEntry().stream().map(e -> e.getResponse().getStatus()).distinct().toList());
        assertEquals("ResearchStudy/release-dpn/_history/1", answer.getEntry().get(5).getResponse().getLocation());

        assertEquals(1, store.transactions().size());
        assertTrue(store.transactions().get(0).equalsDeep(new CtgovStudyMapper().map(RegistryRecords.releaseDpnBytes(), server.baseUrl())),
                "the store receives exactly the mapper's transaction");
        assertNotNull(store.requests().get(0), "the store acts on behalf of the HTTP request");
    }

    @Test
    void importingTheSameRecordAgainUpdatesTheSameResources() throws Exception {
        post(RegistryRecords.releaseDpnBytes());
        HttpResponse<String> again = post(RegistryRecords.releaseDpnBytes());

        assertEquals(200, again.statusCode(), again.body());
        Bundle answer = parse(again.body(), Bundle.class);
        assertEquals(List.of("200 OK"), answer.getEntry().stream().map(e -> e.getResponse().getStatus()).distinct().toList());
        assertEquals("ResearchStudy/release-dpn/_history/1", answer.getEntry().get(5).getResponse().getLocation());
        assertEquals(6, store.storedCount());
    }

    @Test
    void aRecordWithoutNctIdIsA400NamingTheField() throws Exception {
        byte[] broken = RegistryRecords.bytes(RegistryRecords.without("protocolSection.identificationModule.nctId"));
        HttpResponse<String> response = post(broken);

        assertEquals(400, response.statusCode(), response.body());
        OperationOutcome outcome = parse(response.body(), OperationOutcome.class);
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.getIssueFirstRep();
        assertEquals(OperationOutcome.IssueSeverity.ERROR, issue.getSeverity());
        assertEquals(OperationOutcome.IssueType.REQUIRED, issue.getCode());
        assertEquals("protocolSection.identificationModule.nctId", issue.getExpression().get(0).getValue());
        assertTrue(issue.getDiagnostics().contains("protocolSection.identificationModule.nctId"), issue.getDiagnostics());
        assertEquals(0, store.transactions().size(), "nothing is stored");
    }

    @Test
    void aBodyThatIsNotJsonIsA400() throws Exception {
        HttpResponse<String> response = post("<study/>".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.statusCode(), response.body());
        OperationOutcome.OperationOutcomeIssueComponent issue =
                parse(response.body(), OperationOutcome.class).getIssueFirstRep();
        assertEquals(OperationOutcome.IssueType.STRUCTURE, issue.getCode());
        assertTrue(issue.getDiagnostics().contains("is not JSON"), issue.getDiagnostics());
    }

    @Test
    void getIsNotAllowedBecauseTheOperationWrites() throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(operationUri()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode(), response.body());
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(operationUri())
                .header("Content-Type", "application/json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI operationUri() {
        return URI.create(server.baseUrl() + "/ResearchStudy/$import-ctgov");
    }

    private static <T extends org.hl7.fhir.instance.model.api.IBaseResource> T parse(String body, Class<T> type) {
        return FhirContext.forR4Cached().newJsonParser().parseResource(type, body);
    }
}
