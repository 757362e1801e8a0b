package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.encounter;
import static org.releasedpn.fhir.testsupport.Resources.heartRate;
import static org.releasedpn.fhir.testsupport.Resources.identifierParam;
import static org.releasedpn.fhir.testsupport.Resources.organization;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.practitioner;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/** Transactions (all or nothing, urn:uuid references resolved) and batches (each entry on its own). */
abstract class BundleSuite {
    private FhirEndpoint fhir;
    private IGenericClient client;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        client = fhir.client();
    }

    @Test
    void transactionResolvesUrnUuidReferencesBetweenEntries() {
        String family = unique("Txn");
        String patientUrn = urn();
        String encounterUrn = urn();
        String practitionerUrn = urn();
        Observation reading = heartRate(patientUrn, "2024-03-01T09:15:00+01:00", 70);
        reading.setEncounter(new Reference(encounterUrn));
        reading.addPerformer(new Reference(practitionerUrn));
        Bundle transaction = bundle(BundleType.TRANSACTION,
                entry(patientUrn, patient(family)),
                entry(encounterUrn, encounter(patientUrn)),
                entry(urn(), reading),
                entry(urn(), organization(family)),
                entry(practitionerUrn, practitioner(family)));

        Bundle response = client.transaction().withBundle(transaction).execute();

        assertEquals(BundleType.TRANSACTIONRESPONSE, response.getType());
        assertEquals(List.of("201 Created", "201 Created", "201 Created", "201 Created", "201 Created"),
                response.getEntry().stream().map(entry -> entry.getResponse().getStatus()).toList());
        IdType patientId = new IdType(response.getEntry().get(0).getResponse().getLocation()).toVersionless();
        IdType encounterId = new IdType(response.getEntry().get(1).getResponse().getLocation()).toVersionless();
        Observation stored = client.read().resource(Observation.class)
                .withId(new IdType(response.getEntry().get(2).getResponse().getLocation()).toVersionless()).execute();
        assertEquals("Patient/" + patientId.getIdPart(), stored.getSubject().getReference());
        assertEquals("Encounter/" + encounterId.getIdPart(), stored.getEncounter().getReference());
        assertEquals("Practitioner/" + new IdType(response.getEntry().get(4).getResponse().getLocation()).getIdPart(),
                stored.getPerformerFirstRep().getReference());
        Encounter encounter = client.read().resource(Encounter.class).withId(encounterId).execute();
        assertEquals("Patient/" + patientId.getIdPart(), encounter.getSubject().getReference());
    }

    @Test
    void transactionWithABrokenReferenceStoresNothing() {
        String family = unique("TxnBroken");
        String patientUrn = urn();
        Bundle transaction = bundle(BundleType.TRANSACTION,
                entry(patientUrn, patient(family)),
                entry(urn(), heartRate(patientUrn, "2024-03-01T09:15:00Z", 70)),
                entry(urn(), heartRate("Patient/" + unique("missing"), "2024-03-01T09:20:00Z", 71)));
        assertEquals(0, fhir.count("Patient?family:exact=" + family));

        Http.Response response = post(transaction);

        assertClientError(response);
        assertEquals(0, fhir.count("Patient?family:exact=" + family));
        assertEquals(0, fhir.count("Observation?subject.family:exact=" + family));
    }

    @Test
    void transactionWithAConditionalCreateConflictStoresNothing() {
        String family = unique("TxnConflict");
        String duplicated = unique("Twice");
        client.create().resource(patient(duplicated)).execute();
        client.create().resource(patient(duplicated)).execute();
        Bundle transaction = bundle(BundleType.TRANSACTION, entry(urn(), patient(family)));
        Bundle.BundleEntryComponent conditional = entry(urn(), patient(duplicated));
        conditional.getRequest().setIfNoneExist(identifierParam(duplicated));
        transaction.addEntry(conditional);
        assertEquals(0, fhir.count("Patient?family:exact=" + family));

        Http.Response response = post(transaction);

        assertEquals(412, response.status(), "two patients match the If-None-Exist: " + response);
        assertClientError(response);
        assertEquals(0, fhir.count("Patient?family:exact=" + family));
        assertEquals(2, fhir.count("Patient?" + identifierParam(duplicated)));
    }

    @Test
    void batchAnswersEachEntryOnItsOwn() {
        String family = unique("Batch");
        Bundle batch = bundle(BundleType.BATCH,
                entry(urn(), patient(family)),
                entry(urn(), heartRate("Patient/" + unique("missing"), "2024-03-01T09:15:00Z", 70)),
                entry(urn(), patient(family)));

        Http.Response response = post(batch);

        assertEquals(200, response.status(), response::toString);
        Bundle answer = response.resource(Bundle.class);
        assertEquals(BundleType.BATCHRESPONSE, answer.getType());
        assertEquals(3, answer.getEntry().size());
        assertTrue(answer.getEntry().get(0).getResponse().getStatus().startsWith("201"));
        assertTrue(answer.getEntry().get(1).getResponse().getStatus().startsWith("4"),
                answer.getEntry().get(1).getResponse().getStatus());
        assertTrue(answer.getEntry().get(1).getResponse().getOutcome() instanceof OperationOutcome);
        assertTrue(answer.getEntry().get(2).getResponse().getStatus().startsWith("201"));
        assertEquals(2, fhir.count("Patient?family:exact=" + family));
    }

    private Http.Response post(Bundle bundle) {
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(bundle);
        return Http.send("POST", fhir.base(), FHIR_JSON, json);
    }

    private static void assertClientError(Http.Response response) {
        assertTrue(response.status() >= 400 && response.status() < 500, response::toString);
        OperationOutcome outcome = response.operationOutcome();
        assertFalse(outcome.getIssueFirstRep().getDiagnostics().isBlank(), response::toString);
    }

    private static Bundle bundle(BundleType type, Bundle.BundleEntryComponent... entries) {
        Bundle bundle = new Bundle().setType(type);
        for (Bundle.BundleEntryComponent entry : entries) {
            bundle.addEntry(entry);
        }
        return bundle;
    }

    private static Bundle.BundleEntryComponent entry(String fullUrl, Resource resource) {
        Bundle.BundleEntryComponent entry = new Bundle.BundleEntryComponent().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(HTTPVerb.POST).setUrl(resource.fhirType());
        return entry;
    }

    private static String urn() {
        return "urn:uuid:" + UUID.randomUUID();
    }
}
