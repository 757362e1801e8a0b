package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/** {@code _count} pages with {@code next} and {@code previous} links that lead through all matches. */
abstract class PagingSuite {
    private static final int PATIENTS = 7;
    private static final int PAGE = 3;

    private FhirEndpoint fhir;
    private IGenericClient client;
    private String family;
    private final Set<String> created = new HashSet<>();

    @BeforeEach
    void createPatients(FhirServer server) {
        fhir = new FhirEndpoint(server);
        client = fhir.client();
        family = unique("Paging");
        for (int i = 0; i < PATIENTS; i++) {
            created.add(client.create().resource(patient(family)).execute().getId().getIdPart());
        }
    }

    @Test
    void nextLinksLeadThroughEveryMatchOnce() {
        Bundle page = client.search().forResource(Patient.class)
                .where(Patient.FAMILY.matchesExactly().value(family))
                .count(PAGE).returnBundle(Bundle.class).execute();
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            sizes.add(page.getEntry().size());
            page.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().getIdPart()));
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            page = client.loadPage().next(page).execute();
        }

        assertEquals(List.of(3, 3, 1), sizes);
        assertEquals(created, new HashSet<>(seen));
        assertEquals(PATIENTS, seen.size(), "no patient twice");
    }

    @Test
    void previousLinksLeadBackOverPlainHttp() {
        Bundle page = get(fhir.uri("Patient?family:exact=" + family + "&_count=" + PAGE));
        while (page.getLink(Bundle.LINK_NEXT) != null) {
            page = get(URI.create(page.getLink(Bundle.LINK_NEXT).getUrl()));
        }
        List<String> seen = new ArrayList<>();
        page.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().getIdPart()));
        int pages = 1;
        while (page.getLink(Bundle.LINK_PREV) != null) {
            page = get(URI.create(page.getLink(Bundle.LINK_PREV).getUrl()));
            page.getEntry().forEach(entry -> seen.add(entry.getResource().getIdElement().getIdPart()));
            pages++;
        }

        assertEquals(3, pages);
        assertEquals(created, new HashSet<>(seen));
        assertEquals(PATIENTS, seen.size(), "no patient twice");
        assertNull(page.getLink(Bundle.LINK_PREV), "the first page has no previous");
        assertNotNull(page.getLink(Bundle.LINK_NEXT), "the first page has a next");
    }

    private static Bundle get(URI uri) {
        Http.Response response = Http.get(uri);
        assertEquals(200, response.status(), response::toString);
        return response.resource(Bundle.class);
    }
}
