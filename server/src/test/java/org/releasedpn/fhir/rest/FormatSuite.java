package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Http.FHIR_XML;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.patientXml;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/** JSON and XML, chosen by Accept or by _format, for answers, bodies and errors. */
abstract class FormatSuite {
    private FhirEndpoint fhir;
    private String family;
    private String id;

    @BeforeEach
    void createPatient(FhirServer server) {
        fhir = new FhirEndpoint(server);
        family = unique("Format");
        id = fhir.client().create().resource(patient(family)).execute().getId().getIdPart();
    }

    @Test
    void acceptXmlAnswersXml() {
        assertXmlPatient(Http.get(fhir.uri("Patient/" + id), "Accept", FHIR_XML));
    }

    @Test
    void acceptJsonAnswersJson() {
        assertJsonPatient(Http.get(fhir.uri("Patient/" + id), "Accept", FHIR_JSON));
    }

    @Test
    void formatParameterOverridesAccept() {
        assertXmlPatient(Http.get(fhir.uri("Patient/" + id + "?_format=xml"), "Accept", FHIR_JSON));
        assertJsonPatient(Http.get(fhir.uri("Patient/" + id + "?_format=json"), "Accept", FHIR_XML));
        assertXmlPatient(Http.get(fhir.uri("Patient/" + id + "?_format=" + FHIR_XML.replace("+", "%2B"))));
    }

    @Test
    void xmlCreateIsStoredAndReadBackAsJson() {
        String xmlFamily = unique("XmlCreate");
        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_XML, patientXml(xmlFamily),
                "Accept", FHIR_XML);

        assertEquals(201, created.status(), created::toString);
        assertTrue(created.contentType().startsWith(FHIR_XML), created.contentType());
        String newId = created.resource(Patient.class).getIdElement().getIdPart();
        Http.Response read = Http.get(fhir.uri("Patient/" + newId), "Accept", FHIR_JSON);
        Patient stored = read.resource(Patient.class);
        assertEquals(xmlFamily, stored.getNameFirstRep().getFamily());
        assertEquals("1960-05-17", stored.getBirthDateElement().getValueAsString());
    }

    @Test
    void genericClientWorksInXml() {
        IGenericClient xmlClient = FhirContext.forR4Cached().newRestfulGenericClient(fhir.base().toString());
        xmlClient.setEncoding(EncodingEnum.XML);
        String xmlFamily = unique("XmlClient");

        String newId = xmlClient.create().resource(patient(xmlFamily)).execute().getId().getIdPart();

        Patient read = xmlClient.read().resource(Patient.class).withId(newId).execute();
        assertEquals(xmlFamily, read.getNameFirstRep().getFamily());
    }

    @Test
    void errorsComeInTheAskedFormat() {
        Http.Response missing = Http.get(fhir.uri("Patient/" + unique("absent")), "Accept", FHIR_XML);

        assertEquals(404, missing.status(), missing::toString);
        assertTrue(missing.contentType().startsWith(FHIR_XML), missing.contentType());
        assertTrue(missing.body().contains("<OperationOutcome"), missing::toString);
        assertEquals("OperationOutcome", missing.resource().fhirType());
    }

    private void assertXmlPatient(Http.Response response) {
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith(FHIR_XML), response.contentType());
        assertTrue(response.body().startsWith("<Patient xmlns=\"http://hl7.org/fhir\""), response::toString);
        assertEquals(family, response.resource(Patient.class).getNameFirstRep().getFamily());
    }

    private void assertJsonPatient(Http.Response response) {
        assertEquals(200, response.status(), response::toString);
        assertTrue(response.contentType().startsWith(FHIR_JSON), response.contentType());
        assertTrue(response.body().startsWith("{"), response::toString);
        assertEquals(family, response.resource(Patient.class).getNameFirstRep().getFamily());
    }
}
