package org.releasedpn.fhir.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * {@link PackagedResourcesReadOnly}: the trial's StructureDefinitions, CodeSystems, ValueSets and
 * SearchParameters come from its package only; over REST (also inside a transaction) they cannot
 * be created, changed or deleted, nor can another resource take a URL in the trial's namespace:
 * 405, and nothing changes. (Conformance resources of the clients' own are StoredConformanceSuite's.)
 */
abstract class PackagedResourcesReadOnlySuite {
    private static final String BASE = InstalledPackageSuite.BASE;

    private FhirEndpoint fhir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    @Test
    void putOfAnInstalledProfileIs405AndChangesNothing() {
        StructureDefinition before = read("StructureDefinition/dpn-tcss", StructureDefinition.class);
        StructureDefinition changed = before.copy();
        changed.setDescription("Changed over REST");

        Http.Response refused = put(changed);

        assertEquals(405, refused.status(), refused::toString);
        String why = refused.resource(OperationOutcome.class).getIssueFirstRep().getDiagnostics();
        assertTrue(why.contains("installed from the FHIR package org.release-dpn.fhir#0.1.0"), why);
        StructureDefinition after = read("StructureDefinition/dpn-tcss", StructureDefinition.class);
        assertEquals(before.getMeta().getVersionId(), after.getMeta().getVersionId());
        assertEquals(before.getDescription(), after.getDescription());
    }

    @Test
    void putOfATerminologyResourceIs405() {
        ValueSet before = read("ValueSet/study-visit", ValueSet.class);
        ValueSet changed = before.copy();
        changed.setTitle("Changed over REST");

        Http.Response refused = put(changed);

        assertEquals(405, refused.status(), refused::toString);
        assertEquals(before.getMeta().getVersionId(), read("ValueSet/study-visit", ValueSet.class).getMeta().getVersionId());
    }

    @Test
    void deleteIs405AndTheResourceStays() {
        for (String path : new String[] {"SearchParameter/arm", "StructureDefinition/dpn-crp", "CodeSystem/tcss",
                "ValueSet/msc-visit"}) {
            String version = Http.get(fhir.uri(path)).resource().getMeta().getVersionId();

            Http.Response refused = Http.delete(fhir.uri(path));

            assertEquals(405, refused.status(), () -> "DELETE " + path + ": " + refused);
            Http.Response still = Http.get(fhir.uri(path));
            assertEquals(200, still.status(), () -> path + " after DELETE: " + still);
            assertEquals(version, still.resource().getMeta().getVersionId());
        }
    }

    @Test
    void postOfANewConformanceResourceIs405AndStoresNothing() {
        String name = unique("local");
        StructureDefinition profile = read("StructureDefinition/laterality", StructureDefinition.class).copy();
        profile.setId((String) null);
        profile.setMeta(null);
        profile.setUrl(BASE + "StructureDefinition/" + name);
        profile.setName("Local" + name);
        CodeSystem codeSystem = read("CodeSystem/study-visit", CodeSystem.class).copy();
        codeSystem.setId((String) null);
        codeSystem.setMeta(null);
        codeSystem.setUrl(BASE + "CodeSystem/" + name);

        for (Resource resource : new Resource[] {profile, codeSystem}) {
            Http.Response refused = Http.send("POST", fhir.uri(resource.fhirType()), FHIR_JSON, TrialExamples.json(resource));

            assertEquals(405, refused.status(), () -> "POST " + resource.fhirType() + ": " + refused);
            assertEquals(0, fhir.count(resource.fhirType() + "?url=" + encode(BASE + resource.fhirType() + "/" + name)));
        }
    }

    @Test
    void anotherResourceCannotTakeTheUrlOfAnInstalledProfile() {
        StructureDefinition copy = read("StructureDefinition/dpn-crp", StructureDefinition.class).copy();
        copy.setId(unique("crp-copy"));
        copy.setMeta(null);

        Http.Response refused = put(copy);

        assertEquals(405, refused.status(), refused::toString);
        assertEquals(0, fhir.count("StructureDefinition?_id=" + copy.getIdElement().getIdPart()));
        assertEquals(1, fhir.count("StructureDefinition?url=" + encode(copy.getUrl())));
    }

    @Test
    void transactionThatWritesAConformanceResourceIs405AndStoresNothing() {
        String family = unique("TxnConformance");
        ValueSet before = read("ValueSet/study-visit", ValueSet.class);
        ValueSet changed = before.copy();
        changed.setTitle("Changed in a transaction");
        changed.setMeta(null);
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(Resources.patient(family))
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setFullUrl(BASE + "ValueSet/study-visit").setResource(changed)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("ValueSet/study-visit");

        Http.Response refused = Http.send("POST", fhir.base(), FHIR_JSON, TrialExamples.json(transaction));

        assertEquals(405, refused.status(), refused::toString);
        assertEquals(0, fhir.count("Patient?" + Resources.identifierParam(family)));
        ValueSet after = read("ValueSet/study-visit", ValueSet.class);
        assertEquals(before.getMeta().getVersionId(), after.getMeta().getVersionId());
        assertEquals(before.getTitle(), after.getTitle());
    }

    private Http.Response put(Resource resource) {
        String path = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        return Http.send("PUT", fhir.uri(path), FHIR_JSON, TrialExamples.json(resource));
    }

    private <T extends Resource> T read(String path, Class<T> type) {
        Http.Response read = Http.get(fhir.uri(path));
        assertEquals(200, read.status(), () -> path + ": " + read);
        return read.resource(type);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
