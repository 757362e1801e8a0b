package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.identifierParam;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.patientJson;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.net.URI;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/** Create, read, vread, update, patch and delete, plain and conditional, and the Prefer header. */
abstract class CrudSuite {
    private FhirEndpoint fhir;
    private IGenericClient client;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        client = fhir.client();
    }

    @Test
    void createAnswers201WithLocationAndETag() {
        String family = unique("Create");
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(family));

        assertEquals(201, created.status(), created::toString);
        String location = created.header("Location");
        assertNotNull(location, "Location header");
        assertTrue(location.startsWith(fhir.base() + "/Patient/") && location.endsWith("/_history/1"), location);
        assertEquals("W/\"1\"", created.header("ETag"));
        assertEquals(family, created.resource(Patient.class).getNameFirstRep().getFamily());

        Http.Response read = Http.get(URI.create(location));
        assertEquals(200, read.status(), read::toString);
        assertEquals(family, read.resource(Patient.class).getNameFirstRep().getFamily());
    }

    @Test
    void readAndVreadReturnEachStoredVersion() {
        Patient patient = patient(unique("Read"));
        IIdType id = client.create().resource(patient).execute().getId().toUnqualifiedVersionless();
        patient.setId(id);
        patient.setGender(AdministrativeGender.FEMALE);
        client.update().resource(patient).execute();

        Patient current = client.read().resource(Patient.class).withId(id).execute();
        assertEquals("2", current.getIdElement().getVersionIdPart());
        assertEquals(AdministrativeGender.FEMALE, current.getGender());

        Patient first = client.read().resource(Patient.class).withIdAndVersion(id.getIdPart(), "1").execute();
        assertEquals("1", first.getIdElement().getVersionIdPart());
        assertEquals(AdministrativeGender.OTHER, first.getGender());

        Http.Response vread = Http.get(fhir.uri("Patient/" + id.getIdPart() + "/_history/1"));
        assertEquals(200, vread.status(), vread::toString);
        assertEquals("W/\"1\"", vread.header("ETag"));
        assertEquals(AdministrativeGender.OTHER, vread.resource(Patient.class).getGender());
    }

    @Test
    void updateStoresVersion2() {
        String family = unique("Update");
        String id = client.create().resource(patient(family)).execute().getId().getIdPart();
        String changed = patientJson(family).replace("{\"resourceType\":\"Patient\",",
                "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",").replace("\"other\"", "\"male\"");

        Http.Response updated = Http.send("PUT", fhir.uri("Patient/" + id), FHIR_JSON, changed);

        assertEquals(200, updated.status(), updated::toString);
        assertEquals("W/\"2\"", updated.header("ETag"));
        Patient stored = client.read().resource(Patient.class).withId(id).execute();
        assertEquals("2", stored.getIdElement().getVersionIdPart());
        assertEquals(AdministrativeGender.MALE, stored.getGender());
    }

    @Test
    void jsonPatchChangesTheResource() {
        String id = client.create().resource(patient(unique("Patch"))).execute().getId().getIdPart();
        String patch = """
                [{"op":"replace","path":"/gender","value":"female"},
                 {"op":"add","path":"/telecom","value":[{"system":"phone","value":"+41 31 000 00 00"}]}]""";

        Http.Response patched = Http.send("PATCH", fhir.uri("Patient/" + id), "application/json-patch+json", patch);

        assertEquals(200, patched.status(), patched::toString);
        Patient stored = client.read().resource(Patient.class).withId(id).execute();
        assertEquals("2", stored.getIdElement().getVersionIdPart());
        assertEquals(AdministrativeGender.FEMALE, stored.getGender());
        assertEquals("+41 31 000 00 00", stored.getTelecomFirstRep().getValue());
    }

    @Test
    void deletedResourceIsGone() {
        IIdType id = client.create().resource(patient(unique("Delete"))).execute().getId().toUnqualifiedVersionless();

        client.delete().resourceById(id).execute();

        Http.Response read = Http.get(fhir.uri("Patient/" + id.getIdPart()));
        assertEquals(410, read.status(), read::toString);
        assertEquals("OperationOutcome", read.resource().fhirType());
        assertThrows(ResourceGoneException.class, () -> client.read().resource(Patient.class).withId(id).execute());
    }

    @Test
    void conditionalCreateReturnsTheExistingResource() {
        String family = unique("CondCreate");
        String condition = identifierParam(family);

        Http.Response first = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(family),
                "If-None-Exist", condition);
        Http.Response second = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(family),
                "If-None-Exist", condition);

        assertEquals(201, first.status(), first::toString);
        assertEquals(200, second.status(), second::toString);
        assertEquals(idOf(first.header("Location")), idOf(second.header("Location")));
        assertEquals(1, fhir.count("Patient?" + condition));
    }

    @Test
    void conditionalUpdateCreatesThenUpdatesTheMatch() {
        String family = unique("CondUpdate");
        String condition = identifierParam(family);

        Http.Response created = Http.send("PUT", fhir.uri("Patient?" + condition), FHIR_JSON, patientJson(family));
        Http.Response updated = Http.send("PUT", fhir.uri("Patient?" + condition), FHIR_JSON,
                patientJson(family).replace("\"other\"", "\"female\""));

        assertEquals(201, created.status(), created::toString);
        assertEquals(200, updated.status(), updated::toString);
        String id = created.resource(Patient.class).getIdElement().getIdPart();
        assertEquals(id, updated.resource(Patient.class).getIdElement().getIdPart());
        assertEquals("W/\"2\"", updated.header("ETag"));
        assertEquals(1, fhir.count("Patient?" + condition));
        Patient stored = client.read().resource(Patient.class).withId(id).execute();
        assertEquals(AdministrativeGender.FEMALE, stored.getGender());
    }

    @Test
    void conditionalDeleteRemovesTheMatch() {
        String family = unique("CondDelete");
        String id = client.create().resource(patient(family)).execute().getId().getIdPart();

        Http.Response deleted = Http.delete(fhir.uri("Patient?" + identifierParam(family)));

        assertTrue(deleted.status() == 200 || deleted.status() == 204, deleted::toString);
        assertEquals(0, fhir.count("Patient?" + identifierParam(family)));
        assertEquals(410, Http.get(fhir.uri("Patient/" + id)).status());
    }

    @Test
    void preferReturnMinimalAnswersWithoutBody() {
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(unique("Minimal")),
                "Prefer", "return=minimal");

        assertEquals(201, created.status(), created::toString);
        assertEquals("", created.body());
        assertNotNull(created.header("Location"));
    }

    @Test
    void preferReturnRepresentationAnswersWithTheResource() {
        String family = unique("Representation");
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(family),
                "Prefer", "return=representation");

        assertEquals(201, created.status(), created::toString);
        Patient body = created.resource(Patient.class);
        assertEquals(family, body.getNameFirstRep().getFamily());
        assertEquals(idOf(created.header("Location")), body.getIdElement().getIdPart());
    }

    @Test
    void preferReturnOperationOutcomeAnswersWithAnOutcome() {
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, patientJson(unique("Outcome")),
                "Prefer", "return=OperationOutcome");

        assertEquals(201, created.status(), created::toString);
        OperationOutcome outcome = created.operationOutcome();
        assertTrue(outcome.hasIssue(), created::toString);
    }

    private static String idOf(String location) {
        assertNotNull(location, "Location header");
        return new IdType(location).getIdPart();
    }
}
