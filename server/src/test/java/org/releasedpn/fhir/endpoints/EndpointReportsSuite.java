package org.releasedpn.fhir.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.TrialSubjects.CONTROL;
import static org.releasedpn.fhir.testsupport.TrialSubjects.EXPERIMENTAL;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * {@code Measure/[id]/$evaluate-measure} over a seeded trial whose every figure is worked out by
 * hand below: eleven randomised subjects (seven experimental, four control) and one still in
 * screening, on a fresh database of its own so that no other suite's subjects count.
 *
 * <p>Every enrolled subject has the screening TCSS total 12 on day −6 (TrialSubjects.enrolled).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EndpointReportsSuite {
    static final LocalDate DAY_ZERO = LocalDate.parse("2026-01-05");
    static final LocalDate EARLY_DAY_ZERO = LocalDate.parse("2025-11-01");
    static final String LEFT = "7771000";
    static final String RIGHT = "24028007";

    private Storage storage;
    private FhirServer server;
    private FhirEndpoint fhir;

    abstract Storage newStorage();

    @BeforeAll
    void seed() throws Exception {
        storage = newStorage();
        try {
            server = TestServers.start(storage);
        } catch (Exception | Error e) {
            storage.close();
            throw e;
        }
        fhir = new FhirEndpoint(server);
        TrialSubjects subjects = new TrialSubjects(fhir);

        // TCSS: day-0 or baseline, week 24 → change
        TrialVisits e1 = enrol(subjects, "e1", EXPERIMENTAL, DAY_ZERO);
        e1.tcss(0, 14, "day-0");
        e1.tcss(168, 10, "week-24");                          // −4
        TrialVisits e2 = enrol(subjects, "e2", EXPERIMENTAL, DAY_ZERO);
        e2.tcss(-3, 13, null);                                // untagged, in the day-0 window
        e2.tcss(170, 8, null);                                // untagged, in the week-24 window: −5
        TrialVisits e3 = enrol(subjects, "e3", EXPERIMENTAL, DAY_ZERO);
        e3.tcss(165, 11, "week-24");                          // no day-0: baseline = screening 12: −1
        TrialVisits e4 = enrol(subjects, "e4", EXPERIMENTAL, DAY_ZERO);
        e4.tcss(0, 15, "day-0");                              // no week-24 TCSS: not in the measure population
        TrialVisits e5 = enrol(subjects, "e5", EXPERIMENTAL, DAY_ZERO);
        e5.tcss(0, 13, "day-0");
        e5.tcss(190, 9, null);                                // untagged, outside 154..182: no week-24 value
        TrialVisits e6 = enrol(subjects, "e6", EXPERIMENTAL, DAY_ZERO);
        e6.tcss(0, 12, "day-0");
        e6.tcss(176, 7, null);                                // 8 days from 168 …
        e6.tcss(160, 9, null);                                // … and 8 days too: the tie goes to the earlier: −3
        TrialVisits e7 = enrol(subjects, "e7", EXPERIMENTAL, DAY_ZERO);
        e7.tcss(0, 14, "day-0");
        e7.enteredInError(e7.tcss(168, 5, "week-24"));        // never counts
        e7.tcss(168, 11, null);                               // −3
        TrialVisits c1 = enrol(subjects, "c1", CONTROL, DAY_ZERO);
        c1.tcss(0, 12, "day-0");
        c1.tcss(168, 12, "week-24");                          // 0
        TrialVisits c2 = enrol(subjects, "c2", CONTROL, DAY_ZERO);
        c2.tcss(0, 13, "day-0");
        c2.tcss(168, 14, "week-24");                          // +1
        TrialVisits c3 = enrol(subjects, "c3", CONTROL, DAY_ZERO);
        c3.tcss(-20, 15, null);                               // outside the day-0 window; the later screening 12 is the baseline
        c3.tcss(168, 10, "week-24");                          // −2
        TrialVisits c5 = enrol(subjects, "c5", CONTROL, EARLY_DAY_ZERO);
        c5.tcss(0, 10, "day-0");
        c5.tcss(168, 9, "week-24");                           // −1
        subjects.patient("s1", TrialSubjects.ADULT_BIRTH_DATE);
        subjects.screening("s1");                             // screening only: not randomised
        TrialVisits s1 = new TrialVisits(subjects, "s1", DAY_ZERO);
        s1.tcss(0, 15, "day-0");
        s1.tcss(168, 3, "week-24");

        // Motor conduction velocity, per nerve and side
        e1.motorVelocity(0, "sural", LEFT, 40.0, "day-0");
        e1.motorVelocity(168, "sural", LEFT, 42.5, "week-24");      // +2.5
        e1.motorVelocity(0, "sural", RIGHT, 41.0, "day-0");
        e1.motorVelocity(168, "sural", RIGHT, null, "week-24");     // no response: excluded, counted apart
        c1.motorVelocity(0, "sural", LEFT, 38.0, "day-0");
        c1.motorVelocity(168, "sural", LEFT, 37.0, "week-24");      // −1
        e2.motorVelocity(-1, "median", RIGHT, 50.0, null);
        e2.motorVelocity(168, "median", RIGHT, 52.0, null);         // +2

        // CRP, normalised to mg/L
        e1.crp(0, 5.0, "mg/L", "day-0");
        e1.crp(168, 0.3, "mg/dL", "week-24");                       // 3 mg/L: −2
        c1.crp(0, 1.2, "mg/dL", "day-0");                           // 12 mg/L
        c1.crp(168, 10.0, "mg/L", "week-24");                       // −2
        c2.crp(0, null, null, "day-0");                             // no value, no screening CRP: no baseline
        c2.crp(168, 4.0, "mg/L", "week-24");

        // Adverse events suspected of an hUC-MSC injection
        Procedure e1Day0 = e1.injection(0, "day-0");
        e1.adverseEvent(10, e1Day0, "Probably-Likely");              // related and a reaction
        Procedure e2Day0 = e2.injection(0, "day-0");
        e2.adverseEvent(30, e2Day0, "Possible");                     // related only
        Procedure e3Day7 = e3.injection(7, "day-7");
        e3.adverseEvent(20, e3Day7, "Unlikely");                     // neither
        Procedure e4Day0 = e4.injection(0, "day-0");
        e4.adverseEvent(-3, e4Day0, "Certain");                      // before day 0: neither
        c1.adverseEvent(40, null, null);                             // no suspect entity: neither
    }

    private static TrialVisits enrol(TrialSubjects subjects, String patientId, String arm, LocalDate dayZero) {
        subjects.enrolled(patientId, arm, ResearchSubjectStatus.ONSTUDY, dayZero.toString());
        return new TrialVisits(subjects, patientId, dayZero);
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (server != null) {
                server.stop();
            }
        } finally {
            storage.close();
        }
    }

    @Test
    void theEndpointMeasuresAreReadableFromThePackage() {
        for (String id : List.of("dpn-tcss-change-week-24", "dpn-ncv-change-week-24", "dpn-msc-related-ae",
                "dpn-msc-adverse-reaction", "dpn-crp-change-week-24")) {
            Http.Response read = Http.get(fhir.uri("Measure/" + id));
            assertEquals(200, read.status(), read::toString);
            assertEquals("http://fhir.release-dpn.org/Measure/" + id, read.resource(Measure.class).getUrl());
        }
    }

    @Test
    void tcssChangeFromBaselineToWeek24() {
        MeasureReport report = evaluate("dpn-tcss-change-week-24", "");

        assertEquals(MeasureReport.MeasureReportType.SUMMARY, report.getType());
        assertEquals("http://fhir.release-dpn.org/Measure/dpn-tcss-change-week-24|0.1.0", report.getMeasure());
        assertEquals("2025-10-01", report.getPeriod().getStartElement().getValueAsString(), "the study's period");
        MeasureReportGroupComponent group = report.getGroupFirstRep();
        assertEquals(Map.of("initial-population", 11, "measure-population", 9), counts(group));
        // −4, −5, −1, −3, −3, 0, +1, −2, −1: mean −18/9; sorted −5 −4 −3 −3 −2 −1 −1 0 1; Σ(x−x̄)² = 30, /8 → √3.75
        assertStatistics(group.getExtension(), 9, "-2", "1.9365", "-2", "{score}");
        assertEquals(new BigDecimal("-2"), group.getMeasureScore().getValue());

        StratifierGroupComponent experimental = stratum(group, EXPERIMENTAL);
        assertEquals(Map.of("initial-population", 7, "measure-population", 5), counts(experimental));
        // −4, −5, −1, −3, −3: mean −3.2, median −3, Σ(x−x̄)² = 8.8, /4 → √2.2
        assertStatistics(experimental.getExtension(), 5, "-3.2", "1.4832", "-3", "{score}");
        assertEquals(new BigDecimal("-3.2"), experimental.getMeasureScore().getValue());

        StratifierGroupComponent control = stratum(group, CONTROL);
        assertEquals(Map.of("initial-population", 4, "measure-population", 4), counts(control));
        // 0, +1, −2, −1: mean −0.5, median −0.5, Σ(x−x̄)² = 5, /3 → √1.6667
        assertStatistics(control.getExtension(), 4, "-0.5", "1.291", "-0.5", "{score}");
    }

    @Test
    void thePeriodSelectsSubjectsByTheirDayZero() {
        MeasureReport report = evaluate("dpn-tcss-change-week-24", "periodStart=2026-01-01&periodEnd=2026-12-31");

        assertEquals("2026-01-01", report.getPeriod().getStartElement().getValueAsString());
        StratifierGroupComponent control = stratum(report.getGroupFirstRep(), CONTROL);
        assertEquals(Map.of("initial-population", 3, "measure-population", 3), counts(control), "c5 started before");
        // 0, +1, −2: mean −1/3, median 0, Σ(x−x̄)² = 4.6667, /2 → √2.3333
        assertStatistics(control.getExtension(), 3, "-0.3333", "1.5275", "0", "{score}");
        assertEquals(Map.of("initial-population", 7, "measure-population", 5),
                counts(stratum(report.getGroupFirstRep(), EXPERIMENTAL)));
    }

    @Test
    void motorConductionVelocityHasOneGroupPerNerveAndSide() {
        MeasureReport report = evaluate("dpn-ncv-change-week-24", "");

        Map<String, MeasureReportGroupComponent> groups = report.getGroup().stream()
                .collect(Collectors.toMap(g -> g.getCode().getText(), g -> g, (a, b) -> a, TreeMap::new));
        assertEquals(List.of("median, right", "sural, left", "sural, right"), List.copyOf(groups.keySet()));

        MeasureReportGroupComponent suralLeft = groups.get("sural, left");
        assertEquals(Map.of("initial-population", 11, "measure-population", 2, "measure-population-exclusion", 0),
                counts(suralLeft));
        assertStatistics(suralLeft.getExtension(), 2, "0.75", "2.4749", "0.75", "m/s"); // +2.5, −1: √(6.125/1)
        assertStatistics(stratum(suralLeft, EXPERIMENTAL).getExtension(), 1, "2.5", null, "2.5", "m/s");
        assertStatistics(stratum(suralLeft, CONTROL).getExtension(), 1, "-1", null, "-1", "m/s");

        MeasureReportGroupComponent suralRight = groups.get("sural, right");
        assertEquals(Map.of("initial-population", 11, "measure-population", 1, "measure-population-exclusion", 1),
                counts(suralRight), "a no-response at week 24 is counted apart");
        assertStatistics(suralRight.getExtension(), 0, null, null, null, "m/s");
        assertFalse(suralRight.hasMeasureScore());

        MeasureReportGroupComponent medianRight = groups.get("median, right");
        assertStatistics(medianRight.getExtension(), 1, "2", null, "2", "m/s");
        assertEquals(List.of("http://fhir.release-dpn.org/Measure/dpn-ncv-change-week-24|change-week-24",
                        "http://fhir.release-dpn.org/CodeSystem/nerve|median", "http://snomed.info/sct|24028007"),
                medianRight.getCode().getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).toList());
    }

    @Test
    void crpChangeIsInMilligramsPerLitre() {
        MeasureReportGroupComponent group = evaluate("dpn-crp-change-week-24", "").getGroupFirstRep();

        assertEquals(Map.of("initial-population", 11, "measure-population", 2), counts(group),
                "c2's day-0 CRP has no value and it has no screening CRP: no baseline");
        assertStatistics(group.getExtension(), 2, "-2", "0", "-2", "mg/L"); // 5 → 0.3 mg/dL, 1.2 mg/dL → 10
        assertEquals("mg/L", group.getMeasureScore().getCode());
    }

    @Test
    void stemCellRelatedAdverseEventsArePossibleOrMore() {
        MeasureReportGroupComponent group = evaluate("dpn-msc-related-ae", "").getGroupFirstRep();

        assertEquals(Map.of("initial-population", 11, "denominator", 11, "numerator", 2), counts(group));
        assertEquals(new BigDecimal("0.1818"), group.getMeasureScore().getValue()); // 2/11
        assertEquals(Map.of("initial-population", 7, "denominator", 7, "numerator", 2),
                counts(stratum(group, EXPERIMENTAL)), "e1 (Probably-Likely) and e2 (Possible); not e3 (Unlikely), not e4 (day −3)");
        assertEquals(new BigDecimal("0.2857"), stratum(group, EXPERIMENTAL).getMeasureScore().getValue());
        assertEquals(Map.of("initial-population", 4, "denominator", 4, "numerator", 0), counts(stratum(group, CONTROL)));
        assertEquals(new BigDecimal("0"), stratum(group, CONTROL).getMeasureScore().getValue());
    }

    @Test
    void adverseReactionsAreCertainOrProbable() {
        MeasureReportGroupComponent group = evaluate("dpn-msc-adverse-reaction", "").getGroupFirstRep();

        assertEquals(Map.of("initial-population", 11, "denominator", 11, "numerator", 1), counts(group));
        assertEquals(new BigDecimal("0.0909"), group.getMeasureScore().getValue()); // 1/11
        assertEquals(new BigDecimal("0.1429"), stratum(group, EXPERIMENTAL).getMeasureScore().getValue()); // 1/7
    }

    @Test
    void aSubjectListNamesThePatientsOfEachPopulation() {
        MeasureReport report = evaluate("dpn-tcss-change-week-24", "reportType=subject-list");

        assertEquals(MeasureReport.MeasureReportType.SUBJECTLIST, report.getType());
        MeasureReportGroupComponent group = report.getGroupFirstRep();
        assertEquals(List.of("Patient/c1", "Patient/c2", "Patient/c3", "Patient/c5", "Patient/e1", "Patient/e2",
                "Patient/e3", "Patient/e6", "Patient/e7"), patients(report, population(group, "measure-population")));
        StratifierGroupComponent experimental = stratum(group, EXPERIMENTAL);
        Reference experimentalInitial = experimental.getPopulation().stream()
                .filter(p -> "initial-population".equals(p.getCode().getCodingFirstRep().getCode()))
                .findFirst().orElseThrow().getSubjectResults();
        assertEquals(List.of("Patient/e1", "Patient/e2", "Patient/e3", "Patient/e4", "Patient/e5", "Patient/e6",
                "Patient/e7"), patients(report, experimentalInitial));
        assertFalse(evaluate("dpn-tcss-change-week-24", "").hasContained(), "a summary names no subject");
    }

    @Test
    void postOfParametersGivesTheSameReport() {
        Parameters call = new Parameters();
        call.addParameter().setName("periodStart").setValue(new StringType("2026-01-01"));
        call.addParameter().setName("reportType").setValue(new StringType("summary"));
        Http.Response answered = Http.send("POST", fhir.uri("Measure/dpn-tcss-change-week-24/$evaluate-measure"),
                Http.FHIR_JSON, TrialExamples.json(call));

        assertEquals(200, answered.status(), answered::toString);
        MeasureReport report = answered.resource(MeasureReport.class);
        assertEquals(Map.of("initial-population", 3, "measure-population", 3),
                counts(stratum(report.getGroupFirstRep(), CONTROL)));
    }

    @Test
    void theReportIsValidFhir() {
        for (String id : List.of("dpn-tcss-change-week-24", "dpn-crp-change-week-24", "dpn-msc-related-ae")) {
            for (String type : List.of("summary", "subject-list")) {
                assertEquals(List.of(), validationErrors(evaluate(id, "reportType=" + type)), id + " " + type);
            }
        }
    }

    /** R4 cannot define a group per nerve and side present: the only errors are the second and third groups. */
    @Test
    void theNerveConductionReportDiffersFromItsMeasureOnlyInItsGroupsByNerveAndSide() {
        assertEquals(List.of(
                "[MeasureReport.group[1]]: The code for this group is duplicated with another group",
                "[MeasureReport.group[2]]: The code for this group is duplicated with another group"),
                validationErrors(evaluate("dpn-ncv-change-week-24", "reportType=subject-list")));
    }

    private List<String> validationErrors(Resource report) {
        Http.Response validated = Http.send("POST", fhir.uri("MeasureReport/$validate"), Http.FHIR_JSON,
                TrialExamples.json(report));
        assertEquals(200, validated.status(), validated::toString);
        return validated.operationOutcome().getIssue().stream()
                .filter(issue -> issue.getSeverity().ordinal() <= OperationOutcome.IssueSeverity.ERROR.ordinal())
                .map(issue -> issue.getExpression() + ": " + issue.getDiagnostics()).toList();
    }

    @Test
    void badParametersAreRefusedWithTheirNames() {
        assertRefused(400, "dpn-tcss-change-week-24", "reportType=individual", "reportType");
        assertRefused(400, "dpn-tcss-change-week-24", "periodStart=yesterday", "periodStart");
        assertRefused(400, "dpn-tcss-change-week-24", "periodStart=2026-13-45", "periodStart");
        assertRefused(400, "dpn-tcss-change-week-24", "periodStart=2026-06-01&periodEnd=2026-01-01", "periodEnd");
        assertRefused(400, "dpn-tcss-change-week-24", "subject=Patient/e1", "subject");
        assertRefused(404, "no-such-measure", "", "no-such-measure");
    }

    @Test
    void aMeasureOfAnotherGuideIsNotEvaluated() {
        Measure foreign = new Measure();
        foreign.setId("foreign-measure");
        foreign.setUrl("http://example.org/Measure/cms122");
        foreign.setStatus(org.hl7.fhir.r4.model.Enumerations.PublicationStatus.ACTIVE);
        Http.Response stored = Http.send("PUT", fhir.uri("Measure/foreign-measure"), Http.FHIR_JSON, TrialExamples.json(foreign));
        assertTrue(stored.status() == 200 || stored.status() == 201, stored::toString);

        assertRefused(422, "foreign-measure", "", "http://example.org/Measure/cms122");
    }

    private void assertRefused(int status, String measure, String query, String named) {
        Http.Response answered = Http.get(fhir.uri("Measure/" + measure + "/$evaluate-measure" + (query.isEmpty() ? "" : "?" + query)));
        assertEquals(status, answered.status(), answered::toString);
        String diagnostics = answered.operationOutcome().getIssueFirstRep().getDiagnostics();
        assertTrue(diagnostics.contains(named), diagnostics);
    }

    private MeasureReport evaluate(String measure, String query) {
        Http.Response answered = Http.get(fhir.uri("Measure/" + measure + "/$evaluate-measure" + (query.isEmpty() ? "" : "?" + query)));
        assertEquals(200, answered.status(), answered::toString);
        return answered.resource(MeasureReport.class);
    }

    private static Map<String, Integer> counts(MeasureReportGroupComponent group) {
        return group.getPopulation().stream().collect(Collectors.toMap(
                p -> p.getCode().getCodingFirstRep().getCode(), MeasureReport.MeasureReportGroupPopulationComponent::getCount));
    }

    private static Map<String, Integer> counts(StratifierGroupComponent stratum) {
        return stratum.getPopulation().stream().collect(Collectors.toMap(
                p -> p.getCode().getCodingFirstRep().getCode(), MeasureReport.StratifierGroupPopulationComponent::getCount));
    }

    private static StratifierGroupComponent stratum(MeasureReportGroupComponent group, String arm) {
        assertEquals("arm", group.getStratifierFirstRep().getCodeFirstRep().getText());
        return group.getStratifierFirstRep().getStratum().stream().filter(s -> arm.equals(s.getValue().getText()))
                .findFirst().orElseThrow(() -> new AssertionError("no stratum " + arm));
    }

    private static Reference population(MeasureReportGroupComponent group, String code) {
        return group.getPopulation().stream().filter(p -> code.equals(p.getCode().getCodingFirstRep().getCode()))
                .findFirst().orElseThrow().getSubjectResults();
    }

    private static List<String> patients(MeasureReport report, Reference list) {
        assertTrue(list.getReference().startsWith("#"), list.getReference());
        ListResource contained = report.getContained().stream()
                .filter(r -> r.getIdElement().getIdPart().equals(list.getReference().substring(1)))
                .map(ListResource.class::cast).findFirst().orElseThrow();
        return contained.getEntry().stream().map(e -> e.getItem().getReference()).toList();
    }

    /** The change-statistics extension: n, mean, SD, median (null: absent) and their unit. */
    private static void assertStatistics(List<Extension> extensions, int n, String mean, String sd, String median, String unit) {
        Extension statistics = extensions.stream()
                .filter(e -> "http://fhir.release-dpn.org/StructureDefinition/change-statistics".equals(e.getUrl()))
                .findFirst().orElseThrow(() -> new AssertionError("no change-statistics extension"));
        assertEquals(n, ((IntegerType) statistics.getExtensionByUrl("n").getValue()).getValue());
        assertQuantity(mean, statistics.getExtensionByUrl("mean"), unit);
        assertQuantity(sd, statistics.getExtensionByUrl("standardDeviation"), unit);
        assertQuantity(median, statistics.getExtensionByUrl("median"), unit);
    }

    private static void assertQuantity(String expected, Extension part, String unit) {
        if (expected == null) {
            assertNull(part);
            return;
        }
        Quantity quantity = (Quantity) part.getValue();
        assertEquals(0, new BigDecimal(expected).compareTo(quantity.getValue()), part.getUrl() + ": " + quantity.getValue());
        assertEquals(unit, quantity.getCode());
    }
}
