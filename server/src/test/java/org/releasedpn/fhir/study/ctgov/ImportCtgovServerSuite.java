package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyArmComponent;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyObjectiveComponent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;

/**
 * The importer against the real server: the seeded {@code ResearchStudy/release-dpn} field by
 * field (contract 4.1), {@code POST ResearchStudy/$import-ctgov} (idempotent re-import, another
 * trial, the status and phase tables, refused records) and the {@code import-ctgov} command.
 */
abstract class ImportCtgovServerSuite {
    private static final String OPERATION = "ResearchStudy/$import-ctgov";
    private static final List<String> IMPORTED_TYPES = List.of("ResearchStudy", "Group", "Organization", "Location",
            "PlanDefinition");
    private static final List<String> RELEASE_DPN = List.of("Organization/release-dpn-sponsor",
            "Location/release-dpn-site-1", "Group/release-dpn-enrolment", "PlanDefinition/release-dpn-arm-1",
            "PlanDefinition/release-dpn-arm-2", "ResearchStudy/release-dpn");

    private FhirEndpoint fhir;

    @TempDir
    Path dir;

    @BeforeEach
    void connect(FhirServer server) {
        fhir = new FhirEndpoint(server);
    }

    private Http.Response importRecord(byte[] record) {
        return Http.send("POST", fhir.uri(OPERATION), "application/json", record);
    }

    private <T extends org.hl7.fhir.r4.model.Resource> T read(String path, Class<T> type) {
        Http.Response response = Http.get(fhir.uri(path));
        assertEquals(200, response.status(), () -> "GET " + path + ": " + response);
        return response.resource(type);
    }

    private Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        IMPORTED_TYPES.forEach(type -> counts.put(type, fhir.count(type)));
        return counts;
    }

    private Map<String, String> versions(List<String> resources) {
        Map<String, String> versions = new LinkedHashMap<>();
        resources.forEach(r -> versions.put(r, read(r, org.hl7.fhir.r4.model.Resource.class).getMeta().getVersionId()));
        return versions;
    }

    /** The record of another trial: a random NCT number and acronym. Answers its acronym. */
    private static String renamed(ObjectNode record) {
        String digits = String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        ObjectNode identification = (ObjectNode) record.path("protocolSection").path("identificationModule");
        identification.put("nctId", "NCT" + digits);
        identification.put("acronym", "IMPORT-" + digits);
        return "IMPORT-" + digits;
    }

    private static String code(CodeableConcept concept, String system) {
        return concept.getCoding().stream().filter(c -> system.equals(c.getSystem())).map(c -> c.getCode())
                .findFirst().orElse(null);
    }

    @Test
    void theFreshServersStudyMapsTheRegistryRecordFieldByField() {
        ResearchStudy study = read("ResearchStudy/release-dpn", ResearchStudy.class);

        assertTrue(study.getMeta().getProfile().stream()
                .anyMatch(p -> p.getValue().equals("http://fhir.release-dpn.org/StructureDefinition/dpn-research-study")),
                "meta.profile: " + study.getMeta().getProfile());
        Identifier nct = study.getIdentifier().stream()
                .filter(i -> "https://clinicaltrials.gov/nctid".equals(i.getSystem())).findFirst().orElseThrow();
        assertEquals("NCT07183761", nct.getValue());
        assertTrue(study.getIdentifier().stream().anyMatch(i -> "2023ZD0509004-4.1".equals(i.getValue())),
                "sponsor id 2023ZD0509004-4.1 among " + study.getIdentifier());
        assertEquals("A Randomized Controlled Trial on the Efficacy and Safety of Umbilical Cord Mesenchymal Stem Cell "
                + "Therapy in Subjects With Moderate to Severe Diabetic Peripheral Neuropathy", study.getTitle());
        assertEquals(ResearchStudy.ResearchStudyStatus.APPROVED, study.getStatus());
        assertEquals("phase-2", code(study.getPhase(), "http://terminology.hl7.org/CodeSystem/research-study-phase"));
        assertEquals("treatment", code(study.getPrimaryPurposeType(),
                "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type"));
        assertTrue(study.getCondition().stream().anyMatch(c -> "Diabetic Peripheral Neuropathy (DPN)".equals(c.getText())),
                "condition: " + study.getCondition().stream().map(CodeableConcept::getText).toList());
        assertEquals("2025-10-01", study.getPeriod().getStartElement().getValueAsString());

        assertEquals(List.of("Experimental group", "Control group"),
                study.getArm().stream().map(ResearchStudyArmComponent::getName).toList());
        String armTypes = "http://terminology.hl7.org/CodeSystem/research-study-arm-type";
        assertEquals(List.of("experimental", "active-comparator"),
                study.getArm().stream().map(arm -> code(arm.getType(), armTypes)).toList());
        assertTrue(study.getArm().get(0).getDescription().contains("Day 0, Day 7, and Day 28"));

        String objectiveTypes = "http://terminology.hl7.org/CodeSystem/research-study-objective-type";
        Map<String, Long> objectives = new LinkedHashMap<>();
        for (ResearchStudyObjectiveComponent objective : study.getObjective()) {
            objectives.merge(code(objective.getType(), objectiveTypes), 1L, Long::sum);
        }
        assertEquals(Map.of("primary", 3L, "secondary", 6L, "exploratory", 4L), objectives);
        assertEquals("Toronto Clinical Scoring System (TCSS) score", study.getObjective().get(0).getName());

        assertEquals(1, study.getEnrollment().size());
        Group enrolment = read(study.getEnrollmentFirstRep().getReference(), Group.class);
        assertEquals(140, enrolment.getQuantity());
        Organization sponsor = read(study.getSponsor().getReference(), Organization.class);
        assertEquals("Min Long", sponsor.getName());
        assertEquals(1, study.getSite().size());
        Location site = read(study.getSiteFirstRep().getReference(), Location.class);
        assertEquals("Southwest Hospital", site.getName());
        assertEquals("Chongqing", site.getAddress().getCity());
    }

    @Test
    void reimportingTheSameRecordChangesNothing() {
        Map<String, Integer> countsBefore = counts();
        Map<String, String> versionsBefore = versions(RELEASE_DPN);

        Http.Response response = importRecord(RegistryRecords.releaseDpnBytes());

        assertEquals(200, response.status(), response::toString);
        Bundle answer = response.resource(Bundle.class);
        assertEquals(RELEASE_DPN.size(), answer.getEntry().size());
        answer.getEntry().forEach(entry -> assertTrue(entry.getResponse().getStatus().startsWith("200"),
                "an entry was not a plain update: " + entry.getResponse().getStatus() + " " + entry.getResponse().getLocation()));
        assertEquals(versionsBefore, versions(RELEASE_DPN), "versionIds changed");
        assertEquals(countsBefore, counts(), "resources were added");
    }

    @Test
    void aRecordOfAnotherTrialCreatesAnotherStudy() {
        ObjectNode record = RegistryRecords.releaseDpn();
        String acronym = renamed(record);
        String nct = record.path("protocolSection").path("identificationModule").path("nctId").asText();
        Map<String, Integer> before = counts();
        String releaseDpnVersion = read("ResearchStudy/release-dpn", ResearchStudy.class).getMeta().getVersionId();

        Http.Response response = importRecord(RegistryRecords.bytes(record));

        assertEquals(200, response.status(), response::toString);
        String id = acronym.toLowerCase(Locale.ROOT);
        ResearchStudy other = read("ResearchStudy/" + id, ResearchStudy.class);
        assertEquals(nct, other.getIdentifierFirstRep().getValue());
        assertEquals(List.of("Experimental group", "Control group"),
                other.getArm().stream().map(ResearchStudyArmComponent::getName).toList());
        Map<String, Integer> after = counts();
        assertEquals(Map.of("ResearchStudy", 1, "Group", 1, "Organization", 1, "Location", 1, "PlanDefinition", 2),
                Map.of("ResearchStudy", after.get("ResearchStudy") - before.get("ResearchStudy"),
                        "Group", after.get("Group") - before.get("Group"),
                        "Organization", after.get("Organization") - before.get("Organization"),
                        "Location", after.get("Location") - before.get("Location"),
                        "PlanDefinition", after.get("PlanDefinition") - before.get("PlanDefinition")));
        assertEquals(releaseDpnVersion, read("ResearchStudy/release-dpn", ResearchStudy.class).getMeta().getVersionId());
    }

    @ParameterizedTest(name = "{0} {1} -> {2} {3}")
    @CsvSource(delimiter = ';', value = {
        "RECRUITING; PHASE1,PHASE2; active; phase-1-phase-2",
        "ENROLLING_BY_INVITATION; PHASE2,PHASE3; active; phase-2-phase-3",
        "ACTIVE_NOT_RECRUITING; PHASE3; closed-to-accrual; phase-3",
        "SUSPENDED; PHASE1; temporarily-closed-to-accrual; phase-1",
        "TERMINATED; EARLY_PHASE1; administratively-completed; early-phase-1",
        "COMPLETED; PHASE4; completed; phase-4",
        "WITHDRAWN; PHASE2; withdrawn; phase-2",
        "UNKNOWN; NA; in-review; n-a"})
    void statusesAndPhasesMapByTheTable(String overallStatus, String phases, String status, String phase) {
        ObjectNode record = RegistryRecords.releaseDpn();
        String acronym = renamed(record);
        ((ObjectNode) record.path("protocolSection").path("statusModule")).put("overallStatus", overallStatus);
        var phaseList = ((ObjectNode) record.path("protocolSection").path("designModule")).putArray("phases");
        for (String p : phases.split(",")) {
            phaseList.add(p.strip());
        }

        Http.Response response = importRecord(RegistryRecords.bytes(record));

        assertEquals(200, response.status(), response::toString);
        ResearchStudy study = read("ResearchStudy/" + acronym.toLowerCase(Locale.ROOT), ResearchStudy.class);
        assertEquals(status, study.getStatus().toCode());
        assertEquals(phase, code(study.getPhase(), "http://terminology.hl7.org/CodeSystem/research-study-phase"));
    }

    @ParameterizedTest(name = "without {0}")
    @CsvSource({
        "protocolSection.identificationModule.nctId, nctId",
        "protocolSection.armsInterventionsModule.armGroups, armGroups",
        "protocolSection.statusModule.startDateStruct, startDateStruct"})
    void aRecordWithoutARequiredFieldIsRefusedNamingIt(String path, String field) {
        ObjectNode record = RegistryRecords.without(path);
        renamedIdentification(record, path);
        Map<String, Integer> before = counts();

        Http.Response response = importRecord(RegistryRecords.bytes(record));

        assertEquals(400, response.status(), response::toString);
        OperationOutcome outcome = response.operationOutcome();
        assertTrue(outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                && (String.valueOf(issue.getDiagnostics()) + issue.getDetails().getText()).contains(field)),
                () -> "no error names " + field + ": " + response);
        assertEquals(before, counts(), "a refused record stored something");
    }

    /** Gives a broken record (that still has its identification) another trial's ids, so nothing could be an update. */
    private static void renamedIdentification(ObjectNode record, String removed) {
        if (!removed.endsWith("nctId")) {
            renamed(record);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsRefused() {
        Map<String, Integer> before = counts();
        Http.Response response = importRecord("<study>not json</study>".getBytes(StandardCharsets.UTF_8));

        assertEquals(400, response.status(), response::toString);
        assertTrue(response.operationOutcome().getIssue().stream()
                .anyMatch(issue -> issue.getSeverity() == OperationOutcome.IssueSeverity.ERROR
                        && String.valueOf(issue.getDiagnostics()).contains("JSON")), response::toString);
        assertEquals(before, counts());
    }

    @Test
    void theCommandImportsIntoTheRunningServerAndPrintsTheResources() throws Exception {
        Path file = Files.write(dir.resolve("NCT07183761.json"), RegistryRecords.releaseDpnBytes());
        Map<String, String> versions = versions(RELEASE_DPN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ImportCtgovCommand.run(List.of(file.toString(), "--server", fhir.base().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, () -> err.toString(StandardCharsets.UTF_8));
        List<String> expected = RELEASE_DPN.stream()
                .map(r -> "updated " + r + " (version " + versions.get(r) + ")").toList();
        assertEquals(expected, out.toString(StandardCharsets.UTF_8).lines().toList());
    }

    @Test
    void theCommandCreatesAnotherTrialAndExitsZero() throws Exception {
        ObjectNode record = RegistryRecords.releaseDpn();
        String id = renamed(record).toLowerCase(Locale.ROOT);
        Path file = Files.write(dir.resolve("other.json"), RegistryRecords.bytes(record));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ImportCtgovCommand.run(List.of(file.toString(), "--server", fhir.base().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, () -> err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).lines().toList()
                .contains("created ResearchStudy/" + id + " (version 1)"), () -> out.toString(StandardCharsets.UTF_8));
        assertEquals(200, Http.get(fhir.uri("ResearchStudy/" + id)).status());
    }

    @Test
    void theCommandReportsARefusedRecordAndExitsOne() throws Exception {
        Path file = Files.write(dir.resolve("broken.json"),
                RegistryRecords.bytes(RegistryRecords.without("protocolSection.identificationModule.nctId")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ImportCtgovCommand.run(List.of(file.toString(), "--server", fhir.base().toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(1, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nctId"), () -> err.toString(StandardCharsets.UTF_8));
    }
}
