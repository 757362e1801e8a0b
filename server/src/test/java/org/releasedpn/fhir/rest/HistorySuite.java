package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/** History at instance, type and system level: every version of a twice-written Patient. */
abstract class HistorySuite {
    private FhirEndpoint fhir;
    private IGenericClient client;
    private IIdType id;
    private Date since;

    @BeforeEach
    void createTwoVersions(FhirServer server) {
        fhir = new FhirEndpoint(server);
        client = fhir.client();
        Patient patient = patient(unique("History"));
        id = client.create().resource(patient).execute().getId().toUnqualifiedVersionless();
        since = client.read().resource(Patient.class).withId(id).execute().getMeta().getLastUpdated();
        patient.setId(id);
        patient.setGender(AdministrativeGender.FEMALE);
        client.update().resource(patient).execute();
    }

    @Test
    void instanceHistoryListsBothVersionsNewestFirst() {
        Bundle history = client.history().onInstance(id).returnBundle(Bundle.class).execute();

        assertEquals(Bundle.BundleType.HISTORY, history.getType());
        assertEquals(List.of("2", "1"), history.getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getVersionIdPart()).toList());
    }

    @Test
    void typeHistoryContainsBothVersions() {
        Http.Response response = Http.get(fhir.uri("Patient/_history?_count=500&_since="
                + new InstantType(since).getValueAsString().replace("+", "%2B")));

        assertEquals(200, response.status(), response::toString);
        Bundle history = response.resource(Bundle.class);
        assertEquals(Bundle.BundleType.HISTORY, history.getType());
        assertEquals(List.of("1", "2"), versionsOfOurPatient(history));
    }

    @Test
    void systemHistoryContainsBothVersions() {
        Bundle history = client.history().onServer().returnBundle(Bundle.class).since(since).count(500).execute();

        assertEquals(List.of("1", "2"), versionsOfOurPatient(history));
        assertTrue(history.getEntry().stream().allMatch(entry -> entry.getRequest().hasMethod()),
                "history entries carry their request");
    }

    private List<String> versionsOfOurPatient(Bundle history) {
        return history.getEntry().stream()
                .filter(Bundle.BundleEntryComponent::hasResource) // deletions have none
                .map(entry -> entry.getResource().getIdElement())
                .filter(resourceId -> resourceId.getResourceType().equals("Patient")
                        && resourceId.getIdPart().equals(id.getIdPart()))
                .map(IIdType::getVersionIdPart)
                .sorted()
                .toList();
    }
}
