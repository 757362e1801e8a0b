package org.releasedpn.fhir.bench.testcases;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ResourceFileTest {
    private static ResourceFile json(String path, String text) {
        return new ResourceFile(path, text.getBytes(StandardCharsets.UTF_8), ResourceFile.Format.JSON);
    }

    private static ResourceFile xml(String path, String text) {
        return new ResourceFile(path, text.getBytes(StandardCharsets.UTF_8), ResourceFile.Format.XML);
    }

    @Test
    void readsTypeIdAndUrl() {
        ResourceFile sd = xml("sd.xml", """
                <?xml version="1.0"?><!-- a profile --><StructureDefinition xmlns="http://hl7.org/fhir">
                  <id value="sd1"/><url value="http://example.org/sd"/></StructureDefinition>""");
        assertEquals(Optional.of("StructureDefinition"), sd.resourceType());
        assertEquals(Optional.of("sd1"), sd.id());
        assertEquals(Optional.of("http://example.org/sd"), sd.url());
        assertEquals(Optional.of("ValueSet"), json("vs.json", "{\"resourceType\":\"ValueSet\",\"url\":\"u\"}").resourceType());
    }

    @Test
    void findsTheTypeOfFilesThatDoNotParse() {
        assertEquals(Optional.of("Patient"), json("p.json", "{ resourceType : \"Patient\", \"id\": ").resourceType());
        assertEquals(Optional.of("Bundle"), xml("b.xml", "<Bundle xmlns=\"http://hl7.org/fhir\"><x>&reg;</x>").resourceType());
        assertEquals(Optional.empty(), xml("c.xml", "<ClinicalDocument xmlns=\"urn:hl7-org:v3\"/>").resourceType());
    }

    @Test
    void addsAnIdWhereFhirExpectsItAndLeavesTheRestAlone() {
        ResourceFile vs = json("folder/my_vs.json", "{\"resourceType\":\"ValueSet\"}");
        assertEquals("my-vs", vs.idFromFileName());
        assertEquals("{\"id\":\"my-vs\",\"resourceType\":\"ValueSet\"}",
                new String(vs.withId("my-vs").content(), StandardCharsets.UTF_8));
        ResourceFile sd = xml("sd.xml", "<?xml version=\"1.0\"?>\n<StructureDefinition xmlns=\"http://hl7.org/fhir\" a='>'><url value=\"u\"/></StructureDefinition>");
        ResourceFile withId = sd.withId("sd");
        assertEquals("<?xml version=\"1.0\"?>\n<StructureDefinition xmlns=\"http://hl7.org/fhir\" a='>'><id value=\"sd\"/><url value=\"u\"/></StructureDefinition>",
                new String(withId.content(), StandardCharsets.UTF_8));
        assertEquals(Optional.of("sd"), withId.id());
    }
}
