package org.releasedpn.fhir.bench.http;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceLocationTest {
    @Test
    void readsTypeAndIdFromAbsoluteAndRelativeLocations() {
        assertEquals(Optional.of(new ResourceLocation("Patient", "123")),
                ResourceLocation.parse("http://127.0.0.1:8080/fhir/Patient/123/_history/1"));
        assertEquals(Optional.of(new ResourceLocation("ResearchSubject", "a-b.1")),
                ResourceLocation.parse("ResearchSubject/a-b.1/_history/2"));
        assertEquals(Optional.of(new ResourceLocation("Observation", "9")), ResourceLocation.parse("Observation/9"));
    }

    @Test
    void emptyWhenThereIsNoLocation() {
        assertEquals(Optional.empty(), ResourceLocation.parse(null));
        assertEquals(Optional.empty(), ResourceLocation.parse("http://127.0.0.1/fhir"));
    }
}
