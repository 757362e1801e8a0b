package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.SharedH2Server;

/** {@code GET /fhir/metadata}: an R4 CapabilityStatement describing what the server really does. */
@ExtendWith(SharedH2Server.class)
class CapabilityStatementTest {
    private FhirEndpoint fhir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    @Test
    void describesAnR4ServerInstance() {
        CapabilityStatement capabilities = fetch("metadata");

        assertEquals(FHIRVersion._4_0_1, capabilities.getFhirVersion());
        assertEquals(CapabilityStatementKind.INSTANCE, capabilities.getKind());
        assertEquals(PublicationStatus.ACTIVE, capabilities.getStatus());
        assertTrue(capabilities.hasDate());
        assertEquals(1, capabilities.getRest().size());
        assertEquals(RestfulCapabilityMode.SERVER, capabilities.getRestFirstRep().getMode());
    }

    @Test
    void offersJsonAndXml() {
        Set<String> formats = fetch("metadata").getFormat().stream()
                .map(format -> format.getValue()).collect(Collectors.toSet());

        assertTrue(formats.stream().anyMatch(format -> format.contains("json")), formats::toString);
        assertTrue(formats.stream().anyMatch(format -> format.contains("xml")), formats::toString);
        assertEquals(CapabilityStatement.class, fetch("metadata?_format=xml").getClass());
    }

    @Test
    void listsPatientInteractionsAndSearchParameters() {
        CapabilityStatementRestResourceComponent patient = resource(fetch("metadata").getRestFirstRep(), "Patient");

        Set<String> interactions = patient.getInteraction().stream()
                .map(interaction -> interaction.getCode().toCode()).collect(Collectors.toSet());
        assertTrue(interactions.containsAll(Set.of("read", "vread", "update", "patch", "delete",
                "history-instance", "history-type", "create", "search-type")), interactions::toString);
        Set<String> searchParams = patient.getSearchParam().stream()
                .map(param -> param.getName()).collect(Collectors.toSet());
        assertTrue(searchParams.containsAll(Set.of("family", "given", "name", "identifier", "birthdate", "gender",
                "_id")), searchParams::toString);
        assertTrue(patient.getConditionalCreate(), "conditional create");
        assertTrue(patient.getConditionalDelete() != null
                && patient.getConditionalDelete() != CapabilityStatement.ConditionalDeleteStatus.NOTSUPPORTED);
    }

    @Test
    void listsTransactionAndSystemHistory() {
        Set<String> interactions = systemInteractions();

        assertTrue(interactions.containsAll(Set.of("transaction", "history-system")), interactions::toString);
    }

    @Test
    void listsBatchAmongSystemInteractions() {
        // The server answers batch Bundles (BundleSuite), so clients must be able to discover it.
        Set<String> interactions = systemInteractions();

        assertTrue(interactions.contains("batch"), interactions::toString);
    }

    private Set<String> systemInteractions() {
        return fetch("metadata").getRestFirstRep().getInteraction().stream()
                .map(interaction -> interaction.getCode().toCode()).collect(Collectors.toSet());
    }

    @Test
    void genericClientReadsIt() {
        CapabilityStatement capabilities = fhir.client().capabilities().ofType(CapabilityStatement.class).execute();

        assertEquals(FHIRVersion._4_0_1, capabilities.getFhirVersion());
        resource(capabilities.getRestFirstRep(), "Observation");
    }

    private CapabilityStatement fetch(String path) {
        Http.Response response = Http.get(fhir.uri(path));
        assertEquals(200, response.status(), response::toString);
        return response.resource(CapabilityStatement.class);
    }

    private static CapabilityStatementRestResourceComponent resource(CapabilityStatementRestComponent rest,
                                                                     String type) {
        return rest.getResource().stream().filter(resource -> resource.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError(type + " is not in the CapabilityStatement"));
    }
}
