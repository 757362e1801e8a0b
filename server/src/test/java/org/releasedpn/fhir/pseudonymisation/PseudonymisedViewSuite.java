package org.releasedpn.fhir.pseudonymisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.net.URI;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.ServerWithTokens;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestIdentityProvider;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * A server with access tokens: a research client ({@code system/*.rs}, no {@code dpn/identified})
 * reads the pseudonymised view everywhere it can read, and every answer is searched for the seeded
 * patients' names, record numbers, phones, addresses, dates of birth and free text; the data
 * manager still reads them; an EHR gets back what it wrote. One server per database for the suite.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PseudonymisedViewSuite {
    static final String RESEARCH = "system/*.rs";
    static final String DATA_MANAGER = "system/*.cruds system/AuditEvent.rs dpn/admin dpn/validate dpn/identified";
    static final String EHR = "system/Patient.cu system/Consent.cu system/ResearchSubject.cu system/Observation.cu "
            + "system/Procedure.cu system/AdverseEvent.cu dpn/validate";

    private ServerWithTokens running;
    private TestIdentityProvider idp;
    private FhirServer server;
    private FhirEndpoint fhir;
    private SeededPatients patients;

    abstract Storage newStorage();

    @BeforeAll
    void start() throws Exception {
        running = ServerWithTokens.start(newStorage());
        idp = running.idp();
        server = running.server();
        fhir = running.fhir();
        patients = SeededPatients.seed(new TrialSubjects(fhir, "Authorization", "Bearer " + idp.token(DATA_MANAGER)), 3);
    }

    @AfterAll
    void stop() throws Exception {
        if (running != null) {
            running.close();
        }
    }

    // ---- what a research client reads -----------------------------------------------------------

    @Test
    void read() {
        Patient patient = research("Patient/" + patients.id(0)).resource(Patient.class);

        assertEquals(String.valueOf(SeededPatients.BIRTH_YEAR), patient.getBirthDateElement().getValueAsString());
        assertEquals("female", patient.getGender().toCode());
        assertPseudonymised(patient);
    }

    @Test
    void vread() {
        assertPseudonymised(research("Patient/" + patients.id(0) + "/_history/1").resource(Patient.class));
    }

    @Test
    void searchWithIncludeAndRevinclude() {
        Bundle observations = research("Observation?subject=Patient/" + patients.id(1)
                + "&_include=Observation:subject").resource(Bundle.class);
        Bundle withSubjects = research("Patient?_id=" + patients.ids() + "&_revinclude=ResearchSubject:individual")
                .resource(Bundle.class);

        assertEquals(List.of("Observation", "Patient"), types(observations));
        every(observations).forEach(PseudonymisedViewSuite::assertPseudonymised);
        assertEquals(3, withSubjects.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.MATCH).count());
        assertEquals(3, withSubjects.getEntry().stream().filter(e -> e.getSearch().getMode() == Bundle.SearchEntryMode.INCLUDE).count());
        // What research works with stays: the subject number, the clinical date.
        assertTrue(every(withSubjects).stream().filter(ResearchSubject.class::isInstance).map(ResearchSubject.class::cast)
                .anyMatch(subject -> subject.getIdentifierFirstRep().getValue().equals(patients.subjectNumber(0))),
                withSubjects::toString);
        Observation tcss = (Observation) every(observations).get(0);
        assertEquals(SeededPatients.TCSS_DATE + "T09:00:00+08:00", tcss.getEffectiveDateTimeType().getValueAsString());
    }

    @Test
    void historyOfAnInstanceAndOfTheType() {
        Bundle instance = research("Patient/" + patients.id(2) + "/_history").resource(Bundle.class);
        Bundle type = research("Patient/_history?_count=100").resource(Bundle.class);

        assertFalse(instance.getEntry().isEmpty());
        every(instance).forEach(PseudonymisedViewSuite::assertPseudonymised);
        every(type).forEach(PseudonymisedViewSuite::assertPseudonymised);
    }

    @Test
    void everyPageFollowingTheNextLink() {
        Http.Response first = research("Patient?_id=" + patients.ids() + "&_count=1");
        String next = first.resource(Bundle.class).getLink("next").getUrl();
        Http.Response second = Http.get(URI.create(next), "Authorization", "Bearer " + idp.token(RESEARCH));

        assertNoIdentifyingValue(second);
        assertEquals(1, second.resource(Bundle.class).getEntry().size());
        every(second.resource(Bundle.class)).forEach(PseudonymisedViewSuite::assertPseudonymised);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"_summary=true", "_summary=data", "_summary=text", "_elements=name,telecom,birthDate,identifier,text"})
    void summariesAndElements(String variant) {
        Bundle bundle = research("Patient?_id=" + patients.ids() + "&" + variant).resource(Bundle.class);

        assertEquals(3, bundle.getEntry().size());
        every(bundle).forEach(resource -> assertTrue(resource.getMeta().getSecurity().stream()
                .anyMatch(label -> "PSEUDED".equals(label.getCode())), () -> variant + ": " + resource.getMeta()));
    }

    @Test
    void aSearchWithAPostedForm() {
        Http.Response found = Http.send("POST", fhir.uri("Observation/_search"), "application/x-www-form-urlencoded",
                "subject=Patient/" + patients.id(0), "Authorization", "Bearer " + idp.token(RESEARCH));

        assertNoIdentifyingValue(found);
        assertEquals(200, found.status(), found::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Patient?name=%s", "Patient?family=%s", "Patient?given=%s", "Patient?phonetic=%s",
            "Patient?identifier=%s", "Patient?birthdate=1958-07-23", "Patient?death-date=2024", "Patient?address=%s",
            "Patient?address-city=%s", "Patient?address-postalcode=%s", "Patient?address-country=%s",
            "Patient?address-state=%s", "Patient?address-use=home", "Patient?telecom=%s", "Patient?email=%s",
            "Patient?phone=%s", "Patient?name:exact=%s", "Patient?family:contains=%s",
            "Observation?subject:Patient.name=%s", "Observation?subject.family=%s", "Observation?subject:identifier=%s",
            "Patient?_has:ResearchSubject:individual:identifier=%s", "Practitioner?name=%s", "Patient?_sort=family",
            "Patient?_sort=-birthdate", "Patient?_content=%s", "Patient?_text=%s", "Patient?_filter=name eq %s"})
    void aSearchByWhatTheViewRemovesIsRefusedNamingTheParameter(String search) {
        String url = search.formatted(patients.family(0)).replace(" ", "%20");
        String parameter = url.substring(url.indexOf('?') + 1).split("=")[0];

        Http.Response refused = research(url);

        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.operationOutcome().getIssueFirstRep().getDiagnostics()
                .startsWith("The search parameter '" + parameter + "' is refused"), refused::toString);
        assertNoIdentifyingValue(refused);
    }

    @Test
    void theHeaderCannotLoosenTheView() {
        Http.Response asked = Http.get(fhir.uri("Patient/" + patients.id(0)), "Authorization", "Bearer " + idp.token(RESEARCH),
                PseudonymisedViewPolicy.HEADER, "identified");

        assertEquals(400, asked.status(), asked::toString);
        assertTrue(asked.body().contains("dpn/identified"), asked::toString);
    }

    // ---- who else reads what --------------------------------------------------------------------

    @Test
    void theDataManagerReadsIdentifiedDataAndCanAskForTheView() {
        String token = idp.token(DATA_MANAGER);
        Http.Response identified = Http.get(fhir.uri("Patient/" + patients.id(0)), "Authorization", "Bearer " + token);
        Http.Response byName = Http.get(fhir.uri("Patient?family=" + patients.family(0)), "Authorization", "Bearer " + token);
        Http.Response view = Http.get(fhir.uri("Patient/" + patients.id(0)), "Authorization", "Bearer " + token,
                PseudonymisedViewPolicy.HEADER, "pseudonymised");

        assertTrue(identified.body().contains(patients.family(0)) && identified.body().contains(patients.phone(0)), identified::toString);
        assertEquals(1, byName.resource(Bundle.class).getEntry().size(), byName::toString);
        assertPseudonymised(view.resource(Patient.class));
        assertNoIdentifyingValue(view);
    }

    @Test
    void anEhrGetsBackWhatItWrote() {
        Patient sent = SeededPatients.patient("ehr-" + System.nanoTime() % 100000, "Ehrwrite" + System.nanoTime() % 100000);
        Http.Response created = Http.send("PUT", fhir.uri("Patient/" + sent.getIdElement().getIdPart()), FHIR_JSON,
                TrialExamples.json(sent), "Authorization", "Bearer " + idp.token(EHR), "Prefer", "return=representation");

        assertEquals(201, created.status(), created::toString);
        assertEquals(sent.getNameFirstRep().getFamily(), created.resource(Patient.class).getNameFirstRep().getFamily());
        assertEquals(SeededPatients.BIRTH_DATE, created.resource(Patient.class).getBirthDateElement().getValueAsString());
    }

    @Test
    void everyEndpointReportWithItsSubjectsNamesNoIdentity() {
        for (String measure : List.of("dpn-tcss-change-week-24", "dpn-ncv-change-week-24", "dpn-crp-change-week-24",
                "dpn-msc-related-ae", "dpn-msc-adverse-reaction")) {
            for (String type : List.of("summary", "subject-list")) {
                Http.Response report = research("Measure/" + measure + "/$evaluate-measure?reportType=" + type);
                assertEquals(200, report.status(), report::toString);
                assertEquals("MeasureReport", report.resource().fhirType());
            }
        }
    }

    @Test
    void anEndpointReportNeedsReadOfWhatItCounts() {
        Http.Response refused = Http.get(fhir.uri("Measure/dpn-tcss-change-week-24/$evaluate-measure"),
                "Authorization", "Bearer " + idp.token(EHR));

        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.header("WWW-Authenticate").contains("system/Observation.r"), refused::toString);
    }

    @Test
    void theSmartConfigurationOffersTheScope() {
        Http.Response configuration = Http.get(fhir.uri(".well-known/smart-configuration"));

        assertTrue(configuration.body().contains("\"dpn/identified\""), configuration::toString);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    /** A GET as the research client; every answer it gets is checked for the seeded values. */
    private Http.Response research(String path) {
        Http.Response answer = Http.get(fhir.uri(path), "Authorization", "Bearer " + idp.token(RESEARCH));
        assertNoIdentifyingValue(answer);
        if (answer.status() != 403) {
            assertEquals(200, answer.status(), () -> path + " → " + answer);
        }
        return answer;
    }

    private void assertNoIdentifyingValue(Http.Response answer) {
        String body = answer.body() + " " + answer.headers().map();
        for (String value : patients.identifyingValues()) {
            assertFalse(body.contains(value), () -> "'" + value + "' in " + answer);
        }
    }

    static void assertPseudonymised(Resource resource) {
        Coding label = resource.getMeta().getSecurity("http://terminology.hl7.org/CodeSystem/v3-ObservationValue", "PSEUDED");
        assertNotNull(label, () -> resource.fhirType() + " without PSEUDED: " + resource.getMeta().getSecurity());
        assertFalse(resource instanceof org.hl7.fhir.r4.model.DomainResource domain && domain.hasText(), resource::fhirType);
        if (resource instanceof Patient patient) {
            assertFalse(patient.hasName() || patient.hasIdentifier() || patient.hasTelecom() || patient.hasAddress()
                    || patient.hasContact() || patient.hasCommunication(), patient::toString);
            assertEquals(4, patient.getBirthDateElement().getValueAsString().length());
        }
    }

    private static List<Resource> every(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).toList();
    }

    private static List<String> types(Bundle bundle) {
        return every(bundle).stream().map(Resource::fhirType).toList();
    }

}
