package org.releasedpn.fhir.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * The package's SearchParameters, installed with it, are searchable (contract section 6):
 * {@code study} (the study link extension), {@code visit} (the visit tag), {@code arm}
 * (ResearchSubject.assignedArm). Each test has its own enrolled patient in the experimental arm
 * with a screening TCSS, a day-0 hUC-MSC administration and an AdverseEvent at day 0.
 */
abstract class TrialSearchParametersSuite {
    private static final String TCSS_TOTAL = "http://fhir.release-dpn.org/CodeSystem/tcss|total";
    private static final String VISITS = TrialSubjects.VISITS;

    private FhirEndpoint fhir;
    private String patient;
    private String subjectId;
    private String tcssId;
    private String procedureId;
    private String adverseEventId;
    private String unlinkedId;

    @BeforeEach
    void enrolPatient(FhirServer server) {
        fhir = new FhirEndpoint(server);
        TrialSubjects subjects = new TrialSubjects(fhir);
        String suffix = unique("");
        patient = TrialExamples.local("dpn-patient-001", suffix);
        subjectId = subjects.enrolled(patient, TrialSubjects.EXPERIMENTAL, ResearchSubjectStatus.ONSTUDYINTERVENTION,
                "2025-10-20");
        tcssId = patient + "-tcss-" + LocalDate.parse("2025-10-14");
        Resource procedure = TrialExamples.load("valid/Procedure-dpn-msc-001-day0.json", suffix);
        subjects.put(procedure);
        procedureId = procedure.getIdElement().getIdPart();
        Resource adverseEvent = TrialExamples.load("valid/AdverseEvent-dpn-ae-001-injection-site-pain.json", suffix);
        subjects.put(adverseEvent);
        adverseEventId = adverseEvent.getIdElement().getIdPart();
        Http.Response unlinked = Http.send("POST", fhir.uri("Observation"), FHIR_JSON, TrialExamples.json(
                Resources.heartRate("Patient/" + patient, "2025-10-14T09:00:00+08:00", 70)));
        assertEquals(201, unlinked.status(), unlinked::toString);
        unlinkedId = new IdType(unlinked.header("Location")).getIdPart();
    }

    @Test
    void observationsOfTheStudyAreFoundByStudyAndCode() {
        List<String> found = ids("Observation?study=ResearchStudy/release-dpn&code=" + encode(TCSS_TOTAL)
                + "&subject=Patient/" + patient);
        List<String> linked = ids("Observation?study=ResearchStudy/release-dpn&subject=Patient/" + patient);

        assertEquals(List.of(tcssId), found);
        assertEquals(List.of(tcssId), linked, "the heart rate without study link is not found");
        assertTrue(fhir.count("Observation?study=ResearchStudy/release-dpn&code=" + encode(TCSS_TOTAL)) >= 1);
        assertEquals(2, fhir.count("Observation?subject=Patient/" + patient), "both observations are stored: "
                + tcssId + ", " + unlinkedId);
    }

    @Test
    void proceduresAreFoundByStudyAndVisit() {
        assertEquals(List.of(procedureId), ids("Procedure?visit=" + encode(VISITS + "|day-0") + "&subject=Patient/" + patient));
        assertEquals(List.of(), ids("Procedure?visit=" + encode(VISITS + "|day-7") + "&subject=Patient/" + patient));
        assertEquals(List.of(procedureId), ids("Procedure?study=ResearchStudy/release-dpn&subject=Patient/" + patient));
    }

    @Test
    void observationsAndAdverseEventsAreFoundByVisit() {
        assertEquals(List.of(tcssId), ids("Observation?visit=" + encode(VISITS + "|screening") + "&subject=Patient/" + patient));
        assertEquals(List.of(adverseEventId), ids("AdverseEvent?visit=" + encode(VISITS + "|day-0") + "&subject=Patient/" + patient));
        assertEquals(List.of(), ids("AdverseEvent?visit=" + encode(VISITS + "|week-12") + "&subject=Patient/" + patient));
    }

    @Test
    void researchSubjectsAreFoundByArm() {
        assertEquals(List.of(subjectId), ids("ResearchSubject?arm=" + encode("Experimental group")
                + "&individual=Patient/" + patient));
        assertEquals(List.of(), ids("ResearchSubject?arm=" + encode("Control group") + "&individual=Patient/" + patient));
        assertTrue(fhir.count("ResearchSubject?arm=" + encode("Experimental group")) >= 1);
    }

    private List<String> ids(String search) {
        Http.Response found = Http.get(fhir.uri(search));
        assertEquals(200, found.status(), () -> search + ": " + found);
        return found.resource(Bundle.class).getEntry().stream()
                .map(entry -> entry.getResource().getIdElement().getIdPart()).toList();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
