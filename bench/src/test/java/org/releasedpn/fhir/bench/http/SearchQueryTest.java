package org.releasedpn.fhir.bench.http;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

class SearchQueryTest {
    @Test
    void encodesTokenSystemsSoTheUrlIsLegal() {
        String url = SearchQuery.of("Observation")
                .where("code", "http://fhir.release-dpn.org/CodeSystem/tcss|total")
                .where("date", "ge2026-01-01")
                .where("date", "le2026-06-30")
                .relativeUrl();
        assertEquals("Observation?code=http%3A%2F%2Ffhir.release-dpn.org%2FCodeSystem%2Ftcss%7Ctotal"
                + "&date=ge2026-01-01&date=le2026-06-30", url);
        assertDoesNotThrow(() -> URI.create("http://127.0.0.1/fhir/" + url));
    }
}
