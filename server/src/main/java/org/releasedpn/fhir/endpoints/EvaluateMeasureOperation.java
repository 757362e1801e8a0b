package org.releasedpn.fhir.endpoints;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Measure;
import org.hl7.fhir.r4.model.MeasureReport;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code GET|POST Measure/[id]/$evaluate-measure} for the trial's endpoint Measures (contract
 * section 7): {@code periodStart}, {@code periodEnd} (default: the study's period) and
 * {@code reportType} {@code summary} (default) or {@code subject-list}. The report is computed for
 * {@code ResearchStudy/release-dpn} and not stored. Other Measures are refused with 422: the server
 * evaluates the endpoints it defines, not measure logic (CQL) of others.
 */
public final class EvaluateMeasureOperation {
    public static final String NAME = "$evaluate-measure";
    static final String SUMMARY = "summary";
    static final String SUBJECT_LIST = "subject-list";

    private final IFhirResourceDao<Measure> measures;
    private final IFhirResourceDao<ResearchStudy> studies;
    private final IFhirResourceDao<AdverseEvent> adverseEvents;
    private final EntityManagerFactory entityManagerFactory;
    private final PartitionSettings partitions;
    private final int startOfTime;
    private final String studyId;
    private final Map<String, TrialEndpoint> endpoints;
    private final Clock clock;

    /**
     * @param startOfTime HAPI's index date ordinal of a Period without start
     * @param endpoints   the evaluable Measures by canonical URL ({@link TrialEndpoints#ofTheContract()})
     */
    public EvaluateMeasureOperation(IFhirResourceDao<Measure> measures, IFhirResourceDao<ResearchStudy> studies,
                                    IFhirResourceDao<AdverseEvent> adverseEvents, EntityManagerFactory entityManagerFactory,
                                    PartitionSettings partitions, int startOfTime, String studyId,
                                    Map<String, TrialEndpoint> endpoints, Clock clock) {
        this.measures = measures;
        this.studies = studies;
        this.adverseEvents = adverseEvents;
        this.entityManagerFactory = entityManagerFactory;
        this.partitions = partitions;
        this.startOfTime = startOfTime;
        this.studyId = studyId;
        this.endpoints = Map.copyOf(endpoints);
        this.clock = clock;
    }

    @Operation(name = NAME, idempotent = true, type = Measure.class)
    @Description(shortDefinition = "The trial's endpoint as a MeasureReport, stratified by arm")
    public MeasureReport evaluate(
            @IdParam IdType id,
            @OperationParam(name = "periodStart", max = 1) StringType periodStart,
            @OperationParam(name = "periodEnd", max = 1) StringType periodEnd,
            @OperationParam(name = "reportType", max = 1) StringType reportType,
            @OperationParam(name = "subject", max = 1) StringType subject) {
        if (subject != null) {
            throw new InvalidRequestException(NAME + ": parameter 'subject' is not supported: the trial's endpoints are "
                    + "reported for the analysis population (reportType summary or subject-list)");
        }
        boolean subjectList = subjectList(reportType);
        SystemRequestDetails internal = new SystemRequestDetails();
        Measure measure = measures.read(id.toUnqualifiedVersionless(), internal);
        TrialEndpoint endpoint = endpoints.get(measure.getUrl());
        if (endpoint == null) {
            throw new UnprocessableEntityException("Measure/" + id.getIdPart() + " (" + measure.getUrl()
                    + ") is not one of the trial's endpoints; " + NAME + " evaluates " + String.join(", ", endpoints.keySet()));
        }
        ResearchStudy study = studies.read(new IdType("ResearchStudy", studyId), internal);
        ReportPeriod period = new ReportPeriod(
                periodStart != null ? date("periodStart", periodStart) : studyDate(study.getPeriod().getStartElement(), false),
                periodEnd != null ? date("periodEnd", periodEnd) : studyDate(study.getPeriod().getEndElement(), true));
        if (period.start() != null && period.end() != null && period.end().isBefore(period.start())) {
            throw new InvalidRequestException(NAME + ": periodEnd " + period.end() + " is before periodStart " + period.start());
        }
        List<String> arms = study.getArm().stream().map(ResearchStudy.ResearchStudyArmComponent::getName).toList();
        List<EndpointGroup> groups;
        try (EntityManager entityManager = entityManagerFactory.createEntityManager()) {
            StoredFacts facts = new StoredFacts(entityManager, partitions, startOfTime,
                    pid -> adverseEvents.readByPid(JpaPid.fromId(pid)));
            long studyPid = facts.studyPid(studyId);
            groups = endpoint.evaluate(AnalysisPopulation.of(facts.enrolments(studyPid), period), facts, studyPid);
        }
        return new MeasureReportWriter(measure, endpoint, arms, subjectList).write(groups, period, Date.from(clock.instant()));
    }

    private static boolean subjectList(StringType reportType) {
        String type = reportType == null ? SUMMARY : reportType.getValue();
        if (SUMMARY.equals(type) || SUBJECT_LIST.equals(type)) {
            return SUBJECT_LIST.equals(type);
        }
        throw new InvalidRequestException(NAME + ": reportType '" + type + "' is not supported; use " + SUMMARY
                + " (counts and scores) or " + SUBJECT_LIST + " (also the subjects of each population)");
    }

    /** A date or dateTime parameter as the calendar date written. */
    private static LocalDate date(String name, StringType given) {
        String value = given.getValue() == null ? "" : given.getValue();
        if (!value.matches("\\d{4}-\\d{2}-\\d{2}(T.*)?")) {
            throw new InvalidRequestException(NAME + ": " + name + " '" + value + "' is not a date (YYYY-MM-DD) or dateTime");
        }
        try {
            new DateTimeType(value);
            return LocalDate.parse(value.substring(0, 10));
        } catch (RuntimeException invalid) {
            throw new InvalidRequestException(NAME + ": " + name + " '" + value + "' is not a valid date: " + invalid.getMessage());
        }
    }

    /**
     * The study's period.start or .end as a day; a registry date may be a month or a year only
     * (2025-10), which starts on its first day and ends on its last. Null when absent.
     */
    static LocalDate studyDate(DateTimeType date, boolean end) {
        if (date == null || !date.hasValue()) {
            return null;
        }
        TemporalPrecisionEnum precision = date.getPrecision();
        LocalDate first = LocalDate.of(date.getYear(), precision == TemporalPrecisionEnum.YEAR ? 1 : date.getMonth() + 1,
                precision.ordinal() >= TemporalPrecisionEnum.DAY.ordinal() ? date.getDay() : 1);
        if (!end || precision.ordinal() >= TemporalPrecisionEnum.DAY.ordinal()) {
            return first;
        }
        return precision == TemporalPrecisionEnum.YEAR ? first.withDayOfYear(first.lengthOfYear())
                : first.withDayOfMonth(first.lengthOfMonth());
    }
}
