package org.releasedpn.fhir.bench.workload;

import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bench.http.ResourceLocation;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FhirBundlesTest {
    @Test
    void readsTransactionResponseLocationsInOrder() {
        String body = """
                {"resourceType":"Bundle","type":"transaction-response","entry":[
                  {"response":{"status":"201 Created","location":"Patient/5/_history/1"}},
                  {"response":{"status":"201 Created","location":"ResearchSubject/6/_history/1"}}]}""";
        assertEquals(List.of(Optional.of(new ResourceLocation("Patient", "5")),
                Optional.of(new ResourceLocation("ResearchSubject", "6"))), FhirBundles.transactionLocations(body));
    }

    @Test
    void readsSearchPagesSeparatingIncludes() {
        String body = """
                {"resourceType":"Bundle","type":"searchset","link":[{"relation":"self","url":"a"},
                  {"relation":"next","url":"http://127.0.0.1/fhir?_getpages=x"}],
                 "entry":[{"search":{"mode":"match"}},{"search":{"mode":"match"}},{"search":{"mode":"include"}}]}""";
        FhirBundles.SearchPage page = FhirBundles.searchPage(body);
        assertEquals(3, page.entries());
        assertEquals(2, page.matches());
        assertEquals(Optional.of("http://127.0.0.1/fhir?_getpages=x"), page.next());
    }

    @Test
    void operationOutcomeErrorsButNotWarnings() {
        assertTrue(FhirBundles.hasErrors("{\"issue\":[{\"severity\":\"warning\"},{\"severity\":\"error\"}]}"));
        assertFalse(FhirBundles.hasErrors("{\"issue\":[{\"severity\":\"warning\"},{\"severity\":\"information\"}]}"));
    }

    @Test
    void createdIdFromLocationElseBody() {
        assertEquals(Optional.of("7"), FhirBundles.createdId(Optional.of("http://h/fhir/Patient/7/_history/1"), ""));
        assertEquals(Optional.of("8"), FhirBundles.createdId(Optional.empty(), "{\"id\":\"8\"}"));
        assertEquals(Optional.empty(), FhirBundles.createdId(Optional.empty(), "not json"));
    }
}
