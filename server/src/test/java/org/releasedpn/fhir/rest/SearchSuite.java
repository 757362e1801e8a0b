package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Resources.heartRate;
import static org.releasedpn.fhir.testsupport.Resources.identifierParam;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.SearchEntryMode;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/**
 * Searches with standard parameters, chains, includes and sorting. Each test owns one patient
 * with three heart rates, stored out of date order: February, January, March 2024.
 */
abstract class SearchSuite {
    private FhirEndpoint fhir;
    private IGenericClient client;
    private String family;
    private String patientId;

    @BeforeEach
    void createPatientWithHeartRates(FhirServer server) {
        fhir = new FhirEndpoint(server);
        client = fhir.client();
        family = unique("Search");
        patientId = client.create().resource(patient(family)).execute().getId().getIdPart();
        for (String[] reading : new String[][] {{"2024-02-10T08:00:00Z", "72"}, {"2024-01-10T08:00:00Z", "64"},
                {"2024-03-10T08:00:00Z", "80"}}) {
            client.create().resource(heartRate("Patient/" + patientId, reading[0], Integer.parseInt(reading[1])))
                    .execute();
        }
    }

    @Test
    void stringParametersMatchPrefixCaseInsensitiveAndExact() {
        client.create().resource(patient(family + "ova")).execute();

        assertEquals(2, fhir.count("Patient?family=" + family));
        assertEquals(2, fhir.count("Patient?name=" + family.toLowerCase()));
        assertEquals(1, fhir.count("Patient?family:exact=" + family));
        assertEquals(0, fhir.count("Patient?family:exact=" + family.toLowerCase()));
    }

    @Test
    void tokenParametersMatchSystemAndCode() {
        assertEquals(1, fhir.count("Patient?" + identifierParam(family)));
        assertEquals(1, fhir.count("Patient?gender=other&family=" + family));
        assertEquals(0, fhir.count("Patient?gender=male&family=" + family));
        assertEquals(3, fhir.count("Observation?subject=Patient/" + patientId + "&code=http://loinc.org%7C8867-4"));
        assertEquals(0, fhir.count("Observation?subject=Patient/" + patientId + "&code=http://loinc.org%7C8310-5"));
    }

    @Test
    void dateRangesSelectTheReadingsInside() {
        String observations = "Observation?subject=Patient/" + patientId;

        assertEquals(1, fhir.count(observations + "&date=ge2024-02-01&date=lt2024-03-01"));
        assertEquals(2, fhir.count(observations + "&date=ge2024-02-01"));
        assertEquals(1, fhir.count(observations + "&date=lt2024-02"));
        assertEquals(1, fhir.count("Patient?birthdate=1960-05-17&family=" + family));
        assertEquals(0, fhir.count("Patient?birthdate=lt1960-01-01&family=" + family));
    }

    @Test
    void referenceParametersFindTheSubjectsReadings() {
        String other = client.create().resource(patient(unique("Other"))).execute().getId().getIdPart();

        assertEquals(3, fhir.count("Observation?subject=Patient/" + patientId));
        assertEquals(3, fhir.count("Observation?patient=" + patientId));
        assertEquals(0, fhir.count("Observation?subject=Patient/" + other));
    }

    @Test
    void chainedParametersSearchThroughTheSubject() {
        assertEquals(3, fhir.count("Observation?subject.family=" + family));
        assertEquals(3, fhir.count("Observation?subject:Patient.name=" + family));
        Bundle viaClient = client.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasChainedProperty(Patient.FAMILY.matchesExactly().value(family)))
                .returnBundle(Bundle.class).execute();
        assertEquals(3, viaClient.getEntry().size());
    }

    @Test
    void includeAddsTheSubject() {
        Bundle bundle = search("Observation?subject=Patient/" + patientId + "&_include=Observation:subject");

        assertEquals(3, entries(bundle, SearchEntryMode.MATCH, "Observation"));
        assertEquals(1, entries(bundle, SearchEntryMode.INCLUDE, "Patient"));
    }

    @Test
    void revincludeAddsTheReadings() {
        Bundle bundle = search("Patient?_id=" + patientId + "&_revinclude=Observation:subject");

        assertEquals(1, entries(bundle, SearchEntryMode.MATCH, "Patient"));
        assertEquals(3, entries(bundle, SearchEntryMode.INCLUDE, "Observation"));
    }

    @Test
    void sortOrdersAscendingAndDescending() {
        assertEquals(List.of(64, 72, 80), values(search("Observation?subject=Patient/" + patientId + "&_sort=date")));
        assertEquals(List.of(80, 72, 64), values(search("Observation?subject=Patient/" + patientId + "&_sort=-date")));
        assertEquals(List.of(64, 72, 80), values(client.search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + patientId))
                .sort().ascending(Observation.DATE).returnBundle(Bundle.class).execute()));
    }

    @Test
    void summaryCountAnswersTheTotalWithoutEntries() {
        Bundle bundle = search("Observation?subject=Patient/" + patientId + "&_summary=count");

        assertEquals(3, bundle.getTotal());
        assertFalse(bundle.hasEntry());
    }

    @Test
    void summaryTrueLeavesOutNonSummaryElements() {
        Patient withContact = patient(unique("Summary"));
        withContact.addContact().getName().setFamily("Contact").addGiven("Kim");
        String id = client.create().resource(withContact).execute().getId().getIdPart();

        Patient summary = (Patient) search("Patient?_id=" + id + "&_summary=true").getEntryFirstRep().getResource();

        assertTrue(summary.hasName(), "name is a summary element");
        assertFalse(summary.hasContact(), "contact is not a summary element");
        assertTrue(summary.getMeta().getTag().stream().anyMatch(tag -> "SUBSETTED".equals(tag.getCode())));
    }

    @Test
    void elementsReturnsOnlyTheNamedElements() {
        Http.Response response = Http.get(fhir.uri("Patient/" + patientId + "?_elements=identifier"));

        assertEquals(200, response.status(), response::toString);
        Patient subset = response.resource(Patient.class);
        assertEquals(family, subset.getIdentifierFirstRep().getValue());
        assertFalse(subset.hasName());
        assertNull(subset.getGender());
    }

    private Bundle search(String query) {
        Http.Response response = Http.get(fhir.uri(query));
        assertEquals(200, response.status(), response::toString);
        return response.resource(Bundle.class);
    }

    private static long entries(Bundle bundle, SearchEntryMode mode, String type) {
        return bundle.getEntry().stream()
                .filter(entry -> entry.getSearch().getMode() == mode && entry.getResource().fhirType().equals(type))
                .count();
    }

    private static List<Integer> values(Bundle bundle) {
        return bundle.getEntry().stream()
                .map(entry -> ((Observation) entry.getResource()).getValueQuantity().getValue().intValue())
                .toList();
    }
}
