package org.releasedpn.fhir.guides;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.ExampleProfiles;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * Conformance resources that are not the trial's can be written over REST and count at once:
 * an integrator's profile (stored as a differential, given a snapshot) is applied by
 * {@code $validate?profile=} and to writes that declare it, stops applying when deleted, and a
 * stored CodeSystem and ValueSet answer {@code $expand} and {@code $validate-code}.
 */
abstract class StoredConformanceSuite {
    private FhirEndpoint fhir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    @Test
    void storedDifferentialGetsASnapshot() {
        StructureDefinition profile = ExampleProfiles.birthDateRequired(unique("bd"));

        Http.Response stored = put(profile);

        assertEquals(201, stored.status(), stored::toString);
        StructureDefinition read = Http.get(fhir.uri("StructureDefinition/" + profile.getIdElement().getIdPart()))
                .resource(StructureDefinition.class);
        assertTrue(read.getSnapshot().getElement().size() > 20, "a Patient snapshot has every element of Patient");
        assertTrue(read.getSnapshot().getElement().stream()
                .anyMatch(element -> element.getPath().equals("Patient.birthDate") && element.getMin() == 1));
    }

    @Test
    void storedProfileAppliesAtOnceToValidateAndWritesAndStopsWhenDeleted() {
        StructureDefinition profile = ExampleProfiles.birthDateRequired(unique("bd"));
        Patient withoutBirthDate = Resources.patient(unique("NoBirthDate"));
        withoutBirthDate.setBirthDate(null);
        String validateAgainst = "Patient/$validate?profile=" + encode(profile.getUrl());
        Http.Response beforeStored = validate(validateAgainst, withoutBirthDate);
        assertTrue(hasError(beforeStored.operationOutcome(), "Unknown profile"), beforeStored::toString);

        assertEquals(201, put(profile).status());
        Http.Response afterStored = validate(validateAgainst, withoutBirthDate);
        Patient declaring = withoutBirthDate.copy();
        declaring.getMeta().addProfile(profile.getUrl());
        Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(declaring));

        assertTrue(hasError(afterStored.operationOutcome(), "Patient.birthDate: minimum required = 1"), afterStored::toString);
        assertEquals(422, refused.status(), refused::toString);
        assertTrue(hasError(refused.operationOutcome(), "Patient.birthDate"), refused::toString);

        Http.Response deleted = Http.delete(fhir.uri("StructureDefinition/" + profile.getIdElement().getIdPart()));
        assertEquals(200, deleted.status(), deleted::toString);
        Http.Response afterDelete = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(declaring),
                "Prefer", "return=OperationOutcome");
        assertEquals(201, afterDelete.status(), () -> "an unknown foreign claim is a warning: " + afterDelete);
    }

    @Test
    void storedCodeSystemAndValueSetAnswerTerminologyOperations() {
        String name = unique("colours");
        CodeSystem codeSystem = new CodeSystem();
        codeSystem.setId(name);
        codeSystem.setUrl("http://example.org/fhir/CodeSystem/" + name).setStatus(PublicationStatus.ACTIVE)
                .setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
        codeSystem.addConcept().setCode("red").setDisplay("Red");
        codeSystem.addConcept().setCode("green").setDisplay("Green");
        ValueSet valueSet = new ValueSet();
        valueSet.setId(name);
        valueSet.setUrl("http://example.org/fhir/ValueSet/" + name).setStatus(PublicationStatus.ACTIVE);
        valueSet.getCompose().addInclude().setSystem(codeSystem.getUrl());

        assertEquals(201, put(codeSystem).status());
        assertEquals(201, put(valueSet).status());
        Http.Response expanded = Http.get(fhir.uri("ValueSet/$expand?url=" + encode(valueSet.getUrl())));
        Http.Response known = Http.get(fhir.uri("ValueSet/$validate-code?url=" + encode(valueSet.getUrl())
                + "&system=" + encode(codeSystem.getUrl()) + "&code=green"));
        Http.Response unknown = Http.get(fhir.uri("ValueSet/$validate-code?url=" + encode(valueSet.getUrl())
                + "&system=" + encode(codeSystem.getUrl()) + "&code=blue"));

        assertEquals(200, expanded.status(), expanded::toString);
        assertEquals(List.of("green", "red"), expanded.resource(ValueSet.class).getExpansion().getContains().stream()
                .map(ValueSet.ValueSetExpansionContainsComponent::getCode).sorted().toList());
        assertTrue(result(known), known::toString);
        assertFalse(result(unknown), unknown::toString);
    }

    @Test
    void claimOfAMajorMinorVersionIsCheckedAgainstItsStoredPatchRelease() {
        StructureDefinition profile = ExampleProfiles.birthDateRequired(unique("versioned"));
        profile.setVersion("0.2.1");
        assertEquals(201, put(profile).status());
        Patient withoutBirthDate = Resources.patient(unique("NoBirthDate"));
        withoutBirthDate.setBirthDate(null);
        withoutBirthDate.getMeta().addProfile(profile.getUrl() + "|0.2");

        Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(withoutBirthDate));

        assertEquals(422, refused.status(), () -> "|0.2 means the current 0.2.x, here 0.2.1: " + refused);
        assertTrue(hasError(refused.operationOutcome(), "Patient.birthDate"), refused::toString);
    }

    @Test
    void valueSetContainedInAStoredProfileAcceptsTheCodesItLists() {
        StructureDefinition profile = ExampleProfiles.birthDateRequired(unique("contained"));
        ValueSet relationships = new ValueSet();
        relationships.setId("relationships");
        relationships.setUrl(profile.getUrl() + "-relationships").setStatus(PublicationStatus.ACTIVE);
        relationships.getCompose().addInclude().setSystem("http://terminology.hl7.org/CodeSystem/v2-0131")
                .addConcept().setCode("C");
        profile.addContained(relationships);
        ElementDefinition relationship = profile.getDifferential().addElement().setPath("Patient.contact.relationship");
        relationship.setId("Patient.contact.relationship");
        relationship.getBinding().setStrength(Enumerations.BindingStrength.REQUIRED).setValueSet("#relationships");
        assertEquals(201, put(profile).status());
        String validateAgainst = "Patient/$validate?profile=" + encode(profile.getUrl());

        Http.Response listed = validate(validateAgainst, withContactRelationship("C"));
        Http.Response unlisted = validate(validateAgainst, withContactRelationship("N"));

        assertFalse(hasError(listed.operationOutcome(), "relationship"), listed::toString);
        assertTrue(hasError(unlisted.operationOutcome(), "v2-0131#N"), unlisted::toString);
    }

    private static Patient withContactRelationship(String code) {
        Patient patient = Resources.patient(unique("Contact"));
        patient.addContact().setName(new HumanName().setFamily("Contact")).addRelationship().addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/v2-0131").setCode(code);
        return patient;
    }

    @Test
    void profileWhoseSnapshotCannotBeGeneratedIsRefused() {
        StructureDefinition orphan = ExampleProfiles.birthDateRequired(unique("orphan"));
        orphan.setBaseDefinition("http://example.org/fhir/StructureDefinition/no-such-base");

        Http.Response refused = put(orphan);

        assertEquals(422, refused.status(), refused::toString);
        assertTrue(refused.operationOutcome().getIssueFirstRep().getDiagnostics().contains("snapshot"), refused::toString);
        assertEquals(404, Http.get(fhir.uri("StructureDefinition/" + orphan.getIdElement().getIdPart())).status());
    }

    private Http.Response put(Resource resource) {
        return Http.send("PUT", fhir.uri(resource.fhirType() + "/" + resource.getIdElement().getIdPart()), FHIR_JSON,
                TrialExamples.json(resource));
    }

    private Http.Response validate(String path, Resource resource) {
        Http.Response answered = Http.send("POST", fhir.uri(path), FHIR_JSON, TrialExamples.json(resource));
        assertEquals(200, answered.status(), answered::toString);
        return answered;
    }

    private static boolean hasError(OperationOutcome outcome, String text) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == IssueSeverity.ERROR
                && issue.getDiagnostics() != null && issue.getDiagnostics().contains(text));
    }

    private static boolean result(Http.Response answer) {
        assertEquals(200, answer.status(), answer::toString);
        return ((BooleanType) answer.resource(Parameters.class).getParameter("result").getValue()).booleanValue();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
