package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;
import static org.releasedpn.fhir.validation.Outcomes.assertNoErrors;
import static org.releasedpn.fhir.validation.Outcomes.assertRuleError;
import static org.releasedpn.fhir.validation.Outcomes.errors;
import static org.releasedpn.fhir.validation.Outcomes.expressions;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;

/**
 * Contract section 2 on declared profiles the server does not have: from another guide (US Core
 * here, which the server does not install) the claim is kept and answered with one warning at
 * {@code meta.profile[i]}, and the resource is still validated against base R4 and its implied
 * trial profile; in the trial's namespace it stays an error, reported once, at the claim.
 */
abstract class ForeignProfileClaimsSuite {
    static final String US_CORE_PATIENT = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient";
    static final String US_CORE_LAB = "http://hl7.org/fhir/us/core/StructureDefinition/us-core-observation-lab";

    private FhirEndpoint fhir;
    private String suffix;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        suffix = unique("");
    }

    @Test
    void unknownForeignClaimIsAcceptedKeptAsSentAndAnsweredWithOneWarning() {
        String family = unique("UsCore");
        Patient patient = Resources.patient(family);
        patient.getMeta().addProfile(US_CORE_PATIENT + "|6.1.0");

        Http.Response created = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(patient),
                "Prefer", "return=OperationOutcome");

        assertEquals(201, created.status(), created::toString);
        List<OperationOutcomeIssueComponent> warnings = warnings(created.operationOutcome());
        assertEquals(1, warnings.size(), () -> Outcomes.describe(created.operationOutcome()));
        assertEquals(List.of("Patient.meta.profile[0]"), expressions(warnings.get(0)));
        assertTrue(warnings.get(0).getDiagnostics().contains("was not checked"), warnings.get(0)::getDiagnostics);
        Patient stored = Http.get(URI.create(created.header("Location"))).resource(Patient.class);
        assertEquals(List.of(US_CORE_PATIENT + "|6.1.0"),
                stored.getMeta().getProfile().stream().map(CanonicalType::getValue).toList());
    }

    @Test
    void validateReportsTheUncheckedClaimAsAWarningAtItsPlace() {
        Patient patient = Resources.patient(unique("UsCoreValidate"));
        patient.getMeta().addProfile("http://example.org/fhir/StructureDefinition/other");
        patient.getMeta().addProfile(US_CORE_PATIENT);

        Http.Response answered = Http.send("POST", fhir.uri("Patient/$validate"), FHIR_JSON, TrialExamples.json(patient));

        assertEquals(200, answered.status(), answered::toString);
        OperationOutcome outcome = answered.operationOutcome();
        assertNoErrors(outcome);
        assertEquals(List.of(List.of("Patient.meta.profile[0]"), List.of("Patient.meta.profile[1]")),
                warnings(outcome).stream().map(Outcomes::expressions).toList());
    }

    @Test
    void aForeignClaimDoesNotExcuseTheImpliedTrialProfile() {
        Observation broken = TrialExamples.load("invalid/dpn-crp-2.json", suffix, Observation.class);
        broken.getMeta().addProfile(US_CORE_LAB);

        Http.Response answered = Http.send("POST", fhir.uri("Observation/$validate"), FHIR_JSON, TrialExamples.json(broken));

        assertEquals(200, answered.status(), answered::toString);
        assertRuleError(answered.operationOutcome(), "dpn-crp-2", "Observation.value.ofType(Quantity)");
        assertEquals(List.of(List.of("Observation.meta.profile[0]")), warnings(answered.operationOutcome()).stream()
                .map(Outcomes::expressions).filter(at -> at.get(0).contains("meta.profile")).toList());
    }

    @Test
    void unknownProfileInTheTrialsNamespaceIsOneErrorAtTheClaim() {
        String family = unique("UnknownTrialProfile");
        Patient patient = Resources.patient(family);
        patient.getMeta().addProfile(US_CORE_PATIENT);
        patient.getMeta().addProfile("http://fhir.release-dpn.org/StructureDefinition/dpn-no-such-profile");

        Http.Response refused = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, TrialExamples.json(patient));

        assertEquals(422, refused.status(), refused::toString);
        List<OperationOutcomeIssueComponent> errors = errors(refused.operationOutcome());
        assertEquals(1, errors.size(), () -> Outcomes.describe(refused.operationOutcome()));
        assertEquals(List.of("Patient.meta.profile[1]"), expressions(errors.get(0)));
        assertTrue(errors.get(0).getDiagnostics().contains("dpn-no-such-profile"), errors.get(0)::getDiagnostics);
        assertEquals(0, fhir.count("Patient?" + Resources.identifierParam(family)));
    }

    @Test
    void transactionEntryWithAForeignClaimIsStoredAndItsResponseCarriesTheWarning() {
        String family = unique("UsCoreTxn");
        Patient patient = Resources.patient(family);
        patient.getMeta().addProfile(US_CORE_PATIENT);
        Bundle transaction = new Bundle().setType(BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(Resources.patient(unique("Plain")))
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Patient");

        Http.Response answered = Http.send("POST", fhir.base(), FHIR_JSON, TrialExamples.json(transaction));

        assertEquals(200, answered.status(), answered::toString);
        Bundle response = answered.resource(Bundle.class);
        Resource outcome = response.getEntry().get(1).getResponse().getOutcome();
        assertTrue(outcome instanceof OperationOutcome, () -> "entry 1 has an outcome: " + answered);
        List<OperationOutcomeIssueComponent> warnings = warnings((OperationOutcome) outcome);
        assertEquals(1, warnings.size(), () -> Outcomes.describe((OperationOutcome) outcome));
        assertEquals(List.of("Bundle.entry[1].resource.meta.profile[0]"), expressions(warnings.get(0)));
        Resource first = response.getEntry().get(0).getResponse().getOutcome();
        assertTrue(!(first instanceof OperationOutcome firstOutcome) || warnings(firstOutcome).isEmpty(),
                "the entry without a claim gets no warning");
        assertEquals(1, fhir.count("Patient?" + Resources.identifierParam(family)));
    }

    private static List<OperationOutcomeIssueComponent> warnings(OperationOutcome outcome) {
        return outcome.getIssue().stream().filter(issue -> issue.getSeverity() == IssueSeverity.WARNING).toList();
    }
}
