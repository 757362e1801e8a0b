package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.ListResource;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupPopulationComponent;
import org.hl7.fhir.r4.model.MeasureReport.MeasureReportGroupStratifierComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupComponent;
import org.hl7.fhir.r4.model.MeasureReport.StratifierGroupPopulationComponent;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;

/**
 * Writes an endpoint's groups as a MeasureReport: each group with its population counts, its
 * measure score and one stratum per arm of the study. A continuous variable's score is the mean
 * change, with n, mean, SD and median in the extension {@value #CHANGE_STATISTICS}; a proportion's
 * is numerator / denominator. A subject-list report also lists each population's Patients, as
 * contained Lists (R4's {@code subjectResults}).
 */
final class MeasureReportWriter {
    static final String CHANGE_STATISTICS = "http://fhir.release-dpn.org/StructureDefinition/change-statistics";
    static final String POPULATIONS = "http://terminology.hl7.org/CodeSystem/measure-population";

    private final Measure measure;
    private final TrialEndpoint endpoint;
    private final List<String> arms;
    private final boolean subjectList;
    private MeasureReport report;

    /** @param arms the study's arm names, the strata in order */
    MeasureReportWriter(Measure measure, TrialEndpoint endpoint, List<String> arms, boolean subjectList) {
        this.measure = measure;
        this.endpoint = endpoint;
        this.arms = List.copyOf(arms);
        this.subjectList = subjectList;
    }

    MeasureReport write(List<EndpointGroup> groups, ReportPeriod period, Date now) {
        report = new MeasureReport();
        report.setStatus(MeasureReport.MeasureReportStatus.COMPLETE);
        report.setType(subjectList ? MeasureReport.MeasureReportType.SUBJECTLIST : MeasureReport.MeasureReportType.SUMMARY);
        report.setMeasure(measure.getUrl() + (measure.hasVersion() ? "|" + measure.getVersion() : ""));
        report.setDate(now);
        report.setPeriod(period(period));
        report.setImprovementNotation(measure.getImprovementNotation());
        for (int g = 0; g < groups.size(); g++) {
            report.addGroup(group(groups.get(g), "g" + (g + 1)));
        }
        return report;
    }

    private MeasureReportGroupComponent group(EndpointGroup group, String listPrefix) {
        MeasureReportGroupComponent written = new MeasureReportGroupComponent();
        Measure.MeasureGroupComponent defined = measure.getGroupFirstRep();
        written.setCode(code(defined.getCode(), group.code()));
        group.populations().forEach((code, members) -> written.addPopulation(new MeasureReportGroupPopulationComponent()
                .setCode(populationCode(code)).setCount(members.size())
                .setSubjectResults(subjects(listPrefix + "-" + code, members))));
        score(group.populations(), changesOf(group, null), written::setMeasureScore, written::addExtension);

        MeasureReportGroupStratifierComponent stratifier = written.addStratifier();
        stratifier.addCode(defined.getStratifierFirstRep().getCode());
        for (int a = 0; a < arms.size(); a++) {
            String arm = arms.get(a);
            StratifierGroupComponent stratum = stratifier.addStratum().setValue(new CodeableConcept().setText(arm));
            Map<String, Set<Subject>> inArm = group.populations().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> inArm(e.getValue(), arm), (x, y) -> x, LinkedHashMap::new));
            String stratumPrefix = listPrefix + "-arm" + (a + 1);
            inArm.forEach((code, members) -> stratum.addPopulation(new StratifierGroupPopulationComponent()
                    .setCode(populationCode(code)).setCount(members.size())
                    .setSubjectResults(subjects(stratumPrefix + "-" + code, members))));
            score(inArm, changesOf(group, arm), stratum::setMeasureScore, stratum::addExtension);
        }
        return written;
    }

    /**
     * The Measure's group code, and the nerve and side of a nerve conduction group. R4's Measure
     * cannot define groups by what the data holds, so every such group names the Measure's one
     * group; the HL7 validator reports the second and later as duplicates (README, "Endpoint reports").
     */
    private static CodeableConcept code(CodeableConcept defined, CodeableConcept own) {
        CodeableConcept code = defined.copy();
        if (own != null) {
            own.getCoding().forEach(code::addCoding);
            code.setText(own.getText());
        }
        return code;
    }

    /** The score of a group or stratum, and a continuous variable's statistics. */
    private void score(Map<String, Set<Subject>> populations, Collection<BigDecimal> changes,
                       Consumer<Quantity> measureScore,
                       Consumer<Extension> extension) {
        if (endpoint.unit() == null) {
            int denominator = populations.get("denominator").size();
            if (denominator > 0) {
                BigDecimal proportion = BigDecimal.valueOf(populations.get("numerator").size())
                        .divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL128);
                measureScore.accept(new Quantity().setValue(ChangeStatistics.reported(proportion)));
            }
            return;
        }
        ChangeStatistics statistics = ChangeStatistics.of(changes);
        statistics.mean().ifPresent(mean -> measureScore.accept(quantity(mean)));
        Extension written = new Extension(CHANGE_STATISTICS);
        written.addExtension("n", new IntegerType(statistics.n()));
        statistics.mean().ifPresent(mean -> written.addExtension("mean", quantity(mean)));
        statistics.standardDeviation().ifPresent(sd -> written.addExtension("standardDeviation", quantity(sd)));
        statistics.median().ifPresent(median -> written.addExtension("median", quantity(median)));
        extension.accept(written);
    }

    private Quantity quantity(BigDecimal value) {
        return new Quantity().setValue(value).setSystem(ObservedValue.UCUM).setCode(endpoint.unit()).setUnit(endpoint.unit());
    }

    private static Collection<BigDecimal> changesOf(EndpointGroup group, String arm) {
        return group.changes().entrySet().stream()
                .filter(change -> arm == null || arm.equals(change.getKey().arm()))
                .map(Map.Entry::getValue).toList();
    }

    private static Set<Subject> inArm(Set<Subject> members, String arm) {
        return members.stream().filter(subject -> arm.equals(subject.arm()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static CodeableConcept populationCode(String code) {
        return new CodeableConcept(new Coding(POPULATIONS, code, null));
    }

    /** A subject-list report's contained List of the population's Patients; null in a summary. */
    private Reference subjects(String id, Set<Subject> members) {
        if (!subjectList) {
            return null;
        }
        ListResource list = new ListResource();
        list.setId(id);
        list.setStatus(ListResource.ListStatus.CURRENT);
        list.setMode(ListResource.ListMode.SNAPSHOT);
        members.forEach(subject -> list.addEntry().setItem(new Reference("Patient/" + subject.patientId())));
        report.addContained(list);
        return new Reference("#" + id);
    }

    private static Period period(ReportPeriod period) {
        Period written = new Period();
        if (period.start() != null) {
            written.setStartElement(date(period.start()));
        }
        if (period.end() != null) {
            written.setEndElement(date(period.end()));
        }
        return written;
    }

    private static DateTimeType date(LocalDate date) {
        return new DateTimeType(date.toString());
    }
}
