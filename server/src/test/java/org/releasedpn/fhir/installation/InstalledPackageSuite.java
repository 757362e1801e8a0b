package org.releasedpn.fhir.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/**
 * {@link PackageInstallation}: the trial's package is in the database at its own ids, readable
 * over REST, and the CapabilityStatement announces the seven profiles.
 */
abstract class InstalledPackageSuite {
    static final String BASE = "http://fhir.release-dpn.org/";
    static final List<String> PROFILES = List.of("dpn-research-study", "dpn-research-subject", "dpn-tcss",
            "dpn-nerve-conduction", "dpn-crp", "dpn-adverse-event", "dpn-msc-administration");
    static final List<String> EXTENSIONS = List.of("study-visit", "laterality", "ctcae-grade");

    private FhirEndpoint fhir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    @Test
    void tcssProfileIsReadableAtItsIdWithASnapshot() {
        Http.Response read = Http.get(fhir.uri("StructureDefinition/dpn-tcss"));

        assertEquals(200, read.status(), read::toString);
        StructureDefinition profile = read.resource(StructureDefinition.class);
        assertEquals(BASE + "StructureDefinition/dpn-tcss", profile.getUrl());
        assertEquals(PublicationStatus.ACTIVE, profile.getStatus());
        assertTrue(profile.hasVersion());
        assertTrue(profile.getSnapshot().getElement().size() > profile.getDifferential().getElement().size(),
                "the snapshot is generated: " + profile.getSnapshot().getElement().size() + " elements");
        assertEquals("Observation", profile.getSnapshot().getElementFirstRep().getPath());
    }

    @Test
    void everyProfileAndExtensionIsInstalled() {
        for (String id : concat(PROFILES, EXTENSIONS)) {
            Http.Response read = Http.get(fhir.uri("StructureDefinition/" + id));
            assertEquals(200, read.status(), () -> id + ": " + read);
            assertEquals(BASE + "StructureDefinition/" + id, read.resource(StructureDefinition.class).getUrl());
        }
    }

    @Test
    void searchParametersAreReadableAtTheirIds() {
        for (String code : List.of("study", "visit", "arm")) {
            Http.Response read = Http.get(fhir.uri("SearchParameter/" + code));
            assertEquals(200, read.status(), () -> code + ": " + read);
            SearchParameter parameter = read.resource(SearchParameter.class);
            assertEquals(code, parameter.getCode());
            assertEquals(PublicationStatus.ACTIVE, parameter.getStatus());
        }
    }

    @Test
    void terminologyIsReadableAtItsIds() {
        Http.Response valueSet = Http.get(fhir.uri("ValueSet/study-visit"));
        Http.Response codeSystem = Http.get(fhir.uri("CodeSystem/tcss"));

        assertEquals(200, valueSet.status(), valueSet::toString);
        assertEquals(BASE + "ValueSet/study-visit", valueSet.resource(ValueSet.class).getUrl());
        assertEquals(200, codeSystem.status(), codeSystem::toString);
        CodeSystem tcss = codeSystem.resource(CodeSystem.class);
        assertEquals(BASE + "CodeSystem/tcss", tcss.getUrl());
        assertFalse(tcss.getConcept().isEmpty());
    }

    @Test
    void capabilityStatementListsTheSevenProfiles() {
        Http.Response metadata = Http.get(fhir.uri("metadata"));

        assertEquals(200, metadata.status(), metadata::toString);
        Set<String> supported = metadata.resource(CapabilityStatement.class).getRest().stream()
                .flatMap(rest -> rest.getResource().stream())
                .flatMap(resource -> resource.getSupportedProfile().stream())
                .map(CanonicalType::getValue)
                .collect(Collectors.toSet());
        for (String id : PROFILES) {
            assertTrue(supported.contains(BASE + "StructureDefinition/" + id), () -> id + " not in " + supported);
        }
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
