package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;
import static org.releasedpn.fhir.validation.Outcomes.assertRuleError;
import static org.releasedpn.fhir.validation.Outcomes.describe;
import static org.releasedpn.fhir.validation.Outcomes.errors;
import static org.releasedpn.fhir.validation.Outcomes.expressions;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialExamples.Expectation;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * {@link WriteValidationInterceptor}: every write is validated against base R4 and the declared
 * and implied profiles before it is stored (contract sections 2 and 3), shown with the package's
 * own examples and with single creates, transactions, batches and patches.
 */
abstract class WriteValidationSuite {
    static final String TCSS_PROFILE = "http://fhir.release-dpn.org/StructureDefinition/dpn-tcss";
    static final String CRP_PROFILE = "http://fhir.release-dpn.org/StructureDefinition/dpn-crp";

    private FhirEndpoint fhir;
    private String suffix;
    private ExampleWorld world;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
        suffix = unique("");
        world = new ExampleWorld(new TrialSubjects(fhir), suffix);
    }

    static Stream<Expectation> validExamples() {
        return TrialExamples.valid().stream();
    }

    static Stream<Expectation> invalidExamples() {
        return TrialExamples.invalidByProfile().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validExamples")
    void validExampleIsStoredWithItsProfileInMeta(Expectation example) {
        Resource resource = prepared(example.file());

        Http.Response created = post(resource);

        assertEquals(201, created.status(), created::toString);
        Resource stored = (Resource) Http.get(URI.create(created.header("Location"))).resource();
        List<String> profiles = profiles(stored);
        assertTrue(profiles.contains(example.profile()), "meta.profile " + profiles + " lacks " + example.profile());
        assertTrue(profiles.stream().noneMatch(profile -> profile.contains("|")), "plain canonicals: " + profiles);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidExamples")
    void invalidExampleIsRefusedWithItsRuleAndLocation(Expectation example) {
        Resource resource = prepared(example.file());
        int before = fhir.count(resource.fhirType());

        Http.Response refused = post(resource);

        assertEquals(422, refused.status(), refused::toString);
        OperationOutcome outcome = refused.operationOutcome();
        assertRuleError(outcome, example.ruleKey(), example.expression());
        assertTrue(errors(outcome).stream().allMatch(issue -> issue.hasExpression()),
                () -> "every error is located:\n" + describe(outcome));
        assertEquals(before, fhir.count(resource.fhirType()), "nothing of the refused example is stored");
    }

    @Test
    void everyErrorIsListedNotOnlyTheFirst() {
        Observation broken = prepared("invalid/dpn-tcss-3.json", Observation.class);
        // The total 14 is "severe"; "none" breaks dpn-tcss-4 besides the item out of range (dpn-tcss-3).
        broken.getInterpretationFirstRep().getCodingFirstRep().setCode("none").setDisplay(null);

        Http.Response refused = post(broken);

        assertEquals(422, refused.status(), refused::toString);
        assertRuleError(refused.operationOutcome(), "dpn-tcss-3", "Observation.component[4]");
        assertRuleError(refused.operationOutcome(), "dpn-tcss-4", "Observation.interpretation[0]");
    }

    @Test
    void tcssWithoutMetaProfileIsCheckedAgainstDpnTcss() {
        Observation broken = TrialExamples.load("invalid/dpn-tcss-3.json", suffix, Observation.class);
        world.prepareFor("invalid/dpn-tcss-3.json", broken);
        broken.setMeta(null);
        String ofPatient = "Observation?subject=" + broken.getSubject().getReference();
        int before = fhir.count(ofPatient);

        Http.Response refused = post(broken);

        assertEquals(422, refused.status(), refused::toString);
        assertRuleError(refused.operationOutcome(), "dpn-tcss-3", "Observation.component[4]");
        assertEquals(before, fhir.count(ofPatient));
    }

    @Test
    void validTcssWithoutMetaProfileIsStoredAsDpnTcss() {
        String patient = enrolledPatient();
        Observation tcss = TrialSubjects.tcssTotalObservation("Patient/" + patient, 10, "2025-10-22T10:00:00+08:00");
        assertFalse(tcss.getMeta().hasProfile());

        Http.Response created = post(tcss);

        assertEquals(201, created.status(), created::toString);
        Observation stored = Http.get(URI.create(created.header("Location"))).resource(Observation.class);
        assertEquals(List.of(TCSS_PROFILE), profiles(stored));
    }

    @Test
    void languageOutsideCommonLanguagesIsAcceptedAsR4BindsItPreferred() {
        String family = unique("Vietnamese");
        Patient patient = Resources.patient(family);
        patient.addCommunication().getLanguage().addCoding().setSystem("urn:ietf:bcp:47").setCode("vi");

        Http.Response created = post(patient);

        assertEquals(201, created.status(), created::toString);
        assertEquals(1, fhir.count("Patient?" + Resources.identifierParam(family)));
    }

    @Test
    void unknownDeclaredProfileIsRefused() {
        String family = unique("UnknownProfile");
        Patient patient = Resources.patient(family);
        patient.getMeta().addProfile("http://fhir.release-dpn.org/StructureDefinition/dpn-no-such-profile");

        Http.Response refused = post(patient);

        assertEquals(422, refused.status(), refused::toString);
        assertFalse(errors(refused.operationOutcome()).isEmpty());
        assertEquals(0, fhir.count("Patient?" + Resources.identifierParam(family)));
    }

    @Test
    void transactionWithOneBadEntryStoresNothingAndLocatesTheEntry() {
        Bundle transaction = mixedBundle(BundleType.TRANSACTION);
        String ofPatient = "Observation?subject=Patient/" + patientOf(transaction);
        int before = fhir.count(ofPatient);

        Http.Response refused = Http.send("POST", fhir.base(), FHIR_JSON, TrialExamples.json(transaction));

        assertEquals(422, refused.status(), refused::toString);
        OperationOutcome outcome = refused.operationOutcome();
        assertRuleError(outcome, "dpn-tcss-3", "Bundle.entry[2].resource.component[4]");
        assertTrue(errors(outcome).stream().flatMap(issue -> expressions(issue).stream())
                        .allMatch(expression -> expression.startsWith("Bundle.entry[2].resource")),
                () -> "only entry 2 is wrong:\n" + describe(outcome));
        assertEquals(before, fhir.count(ofPatient), "a transaction with a bad entry stores nothing");
    }

    @Test
    void transactionListsTheErrorsOfEveryBadEntry() {
        Bundle transaction = mixedBundle(BundleType.TRANSACTION);
        Observation alsoBad = TrialExamples.load("invalid/dpn-crp-2.json", suffix, Observation.class);
        alsoBad.setSubject(((Observation) transaction.getEntryFirstRep().getResource()).getSubject().copy());
        alsoBad.setId((String) null);
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(alsoBad)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");

        Http.Response refused = Http.send("POST", fhir.base(), FHIR_JSON, TrialExamples.json(transaction));

        assertEquals(422, refused.status(), refused::toString);
        assertRuleError(refused.operationOutcome(), "dpn-tcss-3", "Bundle.entry[2].resource.component[4]");
        assertRuleError(refused.operationOutcome(), "dpn-crp-2", "Bundle.entry[4].resource.value.ofType(Quantity)");
    }

    @Test
    void batchStoresTheGoodEntriesAndAnswersTheBadOneAlone() {
        Bundle batch = mixedBundle(BundleType.BATCH);
        String ofPatient = "Observation?subject=Patient/" + patientOf(batch);
        int before = fhir.count(ofPatient);

        Http.Response answered = Http.send("POST", fhir.base(), FHIR_JSON, TrialExamples.json(batch));

        assertEquals(200, answered.status(), answered::toString);
        Bundle response = answered.resource(Bundle.class);
        List<String> statuses = response.getEntry().stream().map(entry -> entry.getResponse().getStatus()).toList();
        assertEquals(4, statuses.size(), statuses::toString);
        assertTrue(statuses.get(0).startsWith("201") && statuses.get(1).startsWith("201")
                && statuses.get(3).startsWith("201"), statuses::toString);
        assertTrue(statuses.get(2).startsWith("422"), statuses::toString);
        Resource entryOutcome = response.getEntry().get(2).getResponse().getOutcome();
        assertNotNull(entryOutcome, "the bad entry's response carries its OperationOutcome");
        assertRuleError((OperationOutcome) entryOutcome, "dpn-tcss-3", "");
        assertEquals(before + 3, fhir.count(ofPatient), "the three good entries are stored");
    }

    @Test
    void jsonPatchThatBreaksATcssIsRefusedAndTheStoredVersionStays() {
        Observation tcss = prepared("valid/Observation-dpn-tcss-001-screening.json", Observation.class);
        new TrialSubjects(fhir).put(tcss);
        String path = "Observation/" + tcss.getIdElement().getIdPart();
        assertEquals("symptom-ataxia", tcss.getComponent().get(4).getCode().getCodingFirstRep().getCode());
        int ataxia = ((IntegerType) tcss.getComponent().get(4).getValue()).getValue();

        Http.Response refused = Http.send("PATCH", fhir.uri(path), "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/component/4/valueInteger\",\"value\":5}]");

        assertEquals(422, refused.status(), refused::toString);
        assertRuleError(refused.operationOutcome(), "dpn-tcss-3", "Observation.component[4]");
        Observation stored = Http.get(fhir.uri(path)).resource(Observation.class);
        assertEquals("1", stored.getMeta().getVersionId());
        assertEquals(ataxia, ((IntegerType) stored.getComponent().get(4).getValue()).getValue());
    }

    @Test
    void profileSearchFindsStoredResourcesByDeclaredAndImpliedProfile() {
        Observation crp = prepared("valid/Observation-dpn-crp-001-day0.json", Observation.class);
        String patient = crp.getSubject().getReference();
        Http.Response crpCreated = post(crp);
        assertEquals(201, crpCreated.status(), crpCreated::toString);
        Observation tcss = TrialSubjects.tcssTotalObservation(patient, 11, "2025-10-20T09:00:00+08:00");
        Http.Response tcssCreated = post(tcss);
        assertEquals(201, tcssCreated.status(), tcssCreated::toString);
        String crpId = idOf(crpCreated);
        String tcssId = idOf(tcssCreated);

        List<String> tcssFound = ids("Observation?_profile=" + encode(TCSS_PROFILE) + "&subject=" + patient);
        List<String> crpFound = ids("Observation?_profile=" + encode(CRP_PROFILE) + "&subject=" + patient);

        assertTrue(tcssFound.contains(tcssId) && !tcssFound.contains(crpId), tcssFound::toString);
        assertEquals(List.of(crpId), crpFound);
    }

    @Test
    void warningsNeverBlockAWrite() {
        String family = unique("Warned");
        Http.Response patient = Http.send("POST", fhir.uri("Patient"), FHIR_JSON, Resources.patientJson(family));
        assertEquals(201, patient.status(), patient::toString);
        Observation heartRate = Resources.heartRate("Patient/" + idOf(patient), "2025-11-02T08:00:00+08:00", 72);
        Http.Response checked = Http.send("POST", fhir.uri("Observation/$validate"), FHIR_JSON,
                TrialExamples.json(heartRate));
        assertEquals(200, checked.status(), checked::toString);
        OperationOutcome outcome = checked.operationOutcome();
        assertTrue(outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == IssueSeverity.WARNING),
                () -> "the LOINC code the server does not hold gives a warning:\n" + describe(outcome));
        Outcomes.assertNoErrors(outcome);

        Http.Response created = post(heartRate);

        assertEquals(201, created.status(), created::toString);
    }

    /**
     * A bundle of four Observations of one enrolled patient: a TCSS total, a CRP and a nerve
     * conduction example, and in entry 2 the dpn-tcss-3 example (an item out of its range).
     */
    private Bundle mixedBundle(BundleType type) {
        Observation crp = prepared("valid/Observation-dpn-crp-001-day0.json", Observation.class);
        Reference patient = crp.getSubject();
        Observation bad = TrialExamples.load("invalid/dpn-tcss-3.json", suffix, Observation.class);
        bad.setSubject(patient.copy());
        Observation ncs = TrialExamples.load("valid/Observation-dpn-ncs-001-peroneal-left.json", suffix, Observation.class);
        Observation tcss = TrialSubjects.tcssTotalObservation(patient.getReference(), 13, "2025-10-20T09:00:00+08:00");
        Bundle bundle = new Bundle().setType(type);
        for (Resource resource : List.of(tcss, crp, bad, ncs)) {
            resource.setId((String) null);
            bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(resource)
                    .getRequest().setMethod(HTTPVerb.POST).setUrl("Observation");
        }
        return bundle;
    }

    private static String patientOf(Bundle bundle) {
        return ((Observation) bundle.getEntryFirstRep().getResource()).getSubject().getReferenceElement().getIdPart();
    }

    /** A patient enrolled in the experimental arm (as dpn-patient-001 of the examples). */
    private String enrolledPatient() {
        return prepared("valid/Observation-dpn-crp-001-day0.json", Observation.class).getSubject()
                .getReferenceElement().getIdPart();
    }

    /** The example with this test's ids, and what it refers to stored. */
    private Resource prepared(String file) {
        Resource resource = TrialExamples.load(file, suffix);
        world.prepareFor(file, resource);
        if (resource instanceof ResearchStudy study && TrialExamples.row(file).valid()) {
            // The trial's own NCT number stays RELEASE-DPN's: a copy gets a number of its own.
            study.getIdentifier().stream().filter(id -> "https://clinicaltrials.gov/nctid".equals(id.getSystem()))
                    .forEach(id -> id.setValue("NCT9" + String.format("%07d", new Random().nextInt(10_000_000))));
        }
        return resource;
    }

    private <T extends Resource> T prepared(String file, Class<T> type) {
        return type.cast(prepared(file));
    }

    private Http.Response post(Resource resource) {
        return Http.send("POST", fhir.uri(resource.fhirType()), FHIR_JSON, TrialExamples.json(resource));
    }

    private List<String> ids(String search) {
        Http.Response found = Http.get(fhir.uri(search + "&_count=100"));
        assertEquals(200, found.status(), found::toString);
        return found.resource(Bundle.class).getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }

    private static String idOf(Http.Response created) {
        return new org.hl7.fhir.r4.model.IdType(created.header("Location")).getIdPart();
    }

    private static List<String> profiles(Resource resource) {
        return resource.getMeta().getProfile().stream().map(CanonicalType::getValue).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
