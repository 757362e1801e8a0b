package org.releasedpn.fhir.endpoints;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.hl7.fhir.r4.model.AdverseEvent;

/**
 * The facts the endpoints need, read from HAPI's search indexes with one query each: the trial's
 * ResearchSubjects, the Observations of one kind, the adverse events suspected of an hUC-MSC
 * administration. Each query returns a row of a few columns per resource, so a report over
 * thousands of subjects reads no resource body (the index rows hold the current version of every
 * resource that is not deleted). Index rows are found by HAPI's hashes of type, parameter, system
 * and value, the columns HAPI's own indexes lead with.
 */
final class StoredFacts {
    static final String STUDY_VISIT = "http://fhir.release-dpn.org/CodeSystem/study-visit";
    static final String NERVE = "http://fhir.release-dpn.org/CodeSystem/nerve";
    static final String SNOMED = "http://snomed.info/sct";
    static final String INTERVENTION = "http://fhir.release-dpn.org/CodeSystem/intervention";
    static final String MSC_INJECTION = "huc-msc-injection";

    private static final String ENROLMENTS = """
            SELECT s.mySourceResourcePid, p.myPid.myId, p.myFhirId, status.myValue, start.myValueLowDateOrdinal, arm.myValueExact
            FROM ResourceLink s
            JOIN ResourceLink individual ON individual.mySourceResourcePid = s.mySourceResourcePid
                 AND individual.mySourcePath = 'ResearchSubject.individual'
            JOIN ResourceTable p ON p.myPid.myId = individual.myTargetResourcePid
            JOIN ResourceIndexedSearchParamToken status ON status.myResourcePid = s.mySourceResourcePid
                 AND status.myHashIdentity = :status
            LEFT JOIN ResourceIndexedSearchParamDate start ON start.myResourcePid = s.mySourceResourcePid
                 AND start.myHashIdentity = :period
            LEFT JOIN ResourceIndexedSearchParamString arm ON arm.myResourcePid = s.mySourceResourcePid
                 AND arm.myHashIdentity = :arm
            WHERE s.mySourceResourceType = 'ResearchSubject' AND s.mySourcePath = 'ResearchSubject.study'
                 AND s.myTargetResourcePid = :study
            """;

    private static final String OBSERVATIONS = """
            SELECT c.myResourcePid, subject.myTargetResourcePid, effective.myValueLowDateOrdinal, effective.myValueLow,
                   quantity.myValue, quantity.myUnits, visit.myValue, nerve.myValue, side.myValue
            FROM ResourceIndexedSearchParamToken c
            JOIN ResourceLink subject ON subject.mySourceResourcePid = c.myResourcePid
                 AND subject.mySourcePath = 'Observation.subject' AND subject.myTargetResourceType = 'Patient'
            JOIN ResourceLink study ON study.mySourceResourcePid = c.myResourcePid AND study.myTargetResourcePid = :study
            JOIN ResourceIndexedSearchParamDate effective ON effective.myResourcePid = c.myResourcePid
                 AND effective.myHashIdentity = :effective
            LEFT JOIN ResourceIndexedSearchParamQuantity quantity ON quantity.myResourcePid = c.myResourcePid
                 AND quantity.myHashIdentity = :value
            LEFT JOIN ResourceIndexedSearchParamToken visit ON visit.myResourcePid = c.myResourcePid
                 AND visit.myHashSystem = :visit
            LEFT JOIN ResourceIndexedSearchParamToken nerve ON nerve.myResourcePid = c.myResourcePid
                 AND nerve.myHashSystem = :nerve
            LEFT JOIN ResourceIndexedSearchParamToken side ON side.myResourcePid = c.myResourcePid
                 AND side.myHashSystem = :side
            WHERE c.myHashSystemAndValue IN (:codes)
                 AND NOT EXISTS (SELECT e.myId FROM ResourceIndexedSearchParamToken e
                     WHERE e.myResourcePid = c.myResourcePid AND e.myHashSystemAndValue = :enteredInError)
            """;

    /** Adverse events of the trial that name at least one hUC-MSC administration, with those administrations. */
    private static final String SUSPECTED_ADVERSE_EVENTS = """
            SELECT a.mySourceResourcePid, subject.myTargetResourcePid, date.myValueLowDateOrdinal, procedure.myFhirId
            FROM ResourceLink a
            JOIN ResourceLink subject ON subject.mySourceResourcePid = a.mySourceResourcePid
                 AND subject.mySourcePath = 'AdverseEvent.subject' AND subject.myTargetResourceType = 'Patient'
            JOIN ResourceIndexedSearchParamDate date ON date.myResourcePid = a.mySourceResourcePid
                 AND date.myHashIdentity = :date
            JOIN ResourceLink suspect ON suspect.mySourceResourcePid = a.mySourceResourcePid
                 AND suspect.myTargetResourceType = 'Procedure'
            JOIN ResourceIndexedSearchParamToken code ON code.myResourcePid = suspect.myTargetResourcePid
                 AND code.myHashSystemAndValue = :msc
            JOIN ResourceTable procedure ON procedure.myPid.myId = suspect.myTargetResourcePid
            WHERE a.mySourceResourceType = 'AdverseEvent' AND a.mySourcePath = 'AdverseEvent.study'
                 AND a.myTargetResourcePid = :study
            """;

    private static final String STUDY_PID = "SELECT r.myPid.myId FROM ResourceTable r "
            + "WHERE r.myResourceType = 'ResearchStudy' AND r.myFhirId = :id AND r.myDeleted IS NULL";

    private final EntityManager entityManager;
    private final PartitionSettings partitions;
    private final int startOfTime;
    private final LongFunction<AdverseEvent> adverseEvents;

    /**
     * @param startOfTime the date ordinal HAPI indexes a Period without start at
     *                    (JpaStorageSettings.getPeriodIndexStartOfTime), i.e. "no period.start"
     */
    StoredFacts(EntityManager entityManager, PartitionSettings partitions, int startOfTime,
                LongFunction<AdverseEvent> adverseEvents) {
        this.entityManager = entityManager;
        this.partitions = partitions;
        this.startOfTime = startOfTime;
        this.adverseEvents = adverseEvents;
    }

    /** An adverse event by its storage id: the pairs of suspect entity and causality are not indexed. */
    AdverseEvent adverseEvent(long resourcePid) {
        return adverseEvents.apply(resourcePid);
    }

    /** The storage id of {@code ResearchStudy/[id]}, or null when it is not stored. */
    Long studyPid(String studyId) {
        List<Long> found = entityManager.createQuery(STUDY_PID, Long.class).setParameter("id", studyId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Every ResearchSubject of the study that names a Patient, one per ResearchSubject. */
    List<Enrolment> enrolments(long studyPid) {
        TypedQuery<Object[]> query = entityManager.createQuery(ENROLMENTS, Object[].class)
                .setParameter("study", studyPid)
                .setParameter("status", identity("ResearchSubject", "status"))
                .setParameter("period", identity("ResearchSubject", "date"))
                .setParameter("arm", identity("ResearchSubject", "arm"));
        Map<Long, Enrolment> bySubject = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            Integer start = (Integer) row[4];
            bySubject.putIfAbsent((Long) row[0], new Enrolment((Long) row[1], (String) row[2], (String) row[3],
                    start == null || start == startOfTime ? null : date(start), (String) row[5]));
        }
        return List.copyOf(bySubject.values());
    }

    /**
     * The study's Observations of one kind that are not entered-in-error, one per Observation.
     * A value in a unit the endpoint does not accept (the trial's profiles allow none) is left out.
     */
    List<Measurement> measurements(long studyPid, ObservedValue observed) {
        List<Long> codes = observed.codes().stream()
                .map(code -> systemAndValue("Observation", "code", code.getSystem(), code.getCode())).toList();
        TypedQuery<Object[]> query = entityManager.createQuery(OBSERVATIONS, Object[].class)
                .setParameter("study", studyPid)
                .setParameter("codes", codes)
                .setParameter("effective", identity("Observation", "date"))
                .setParameter("value", identity("Observation", "value-quantity"))
                .setParameter("visit", system("Observation", "visit", STUDY_VISIT))
                .setParameter("nerve", system("Observation", "body-site", NERVE))
                .setParameter("side", system("Observation", "laterality", SNOMED))
                .setParameter("enteredInError", systemAndValue("Observation", "status",
                        "http://hl7.org/fhir/observation-status", "entered-in-error"));
        Map<Long, Measurement> byObservation = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            Double quantity = (Double) row[4];
            BigDecimal value = quantity == null ? null : observed.normalised(quantity, (String) row[5]);
            if (quantity != null && value == null) {
                continue;
            }
            NerveSite site = observed.bySite() ? new NerveSite((String) row[7], (String) row[8]) : null;
            byObservation.putIfAbsent((Long) row[0], new Measurement((Long) row[0], (Long) row[1], date((Integer) row[2]),
                    ((Date) row[3]).getTime(), value, (String) row[6], site));
        }
        return List.copyOf(byObservation.values());
    }

    /** The study's adverse events that name an hUC-MSC administration as a suspect entity. */
    List<SuspectedAdverseEvent> suspectedAdverseEvents(long studyPid) {
        TypedQuery<Object[]> query = entityManager.createQuery(SUSPECTED_ADVERSE_EVENTS, Object[].class)
                .setParameter("study", studyPid)
                .setParameter("date", identity("AdverseEvent", "date"))
                .setParameter("msc", systemAndValue("Procedure", "code", INTERVENTION, MSC_INJECTION));
        Map<Long, Object[]> events = new LinkedHashMap<>();
        Map<Long, Set<String>> administrations = new LinkedHashMap<>();
        for (Object[] row : query.getResultList()) {
            events.putIfAbsent((Long) row[0], row);
            administrations.computeIfAbsent((Long) row[0], pid -> new HashSet<>()).add((String) row[3]);
        }
        List<SuspectedAdverseEvent> suspected = new ArrayList<>();
        events.forEach((pid, row) -> suspected.add(new SuspectedAdverseEvent(pid, (Long) row[1], date((Integer) row[2]),
                Set.copyOf(administrations.get(pid)))));
        return suspected;
    }

    private long identity(String type, String parameter) {
        return BaseResourceIndexedSearchParam.calculateHashIdentity(partitions, RequestPartitionId.defaultPartition(),
                type, parameter);
    }

    private long system(String type, String parameter, String system) {
        return ResourceIndexedSearchParamToken.calculateHashSystem(partitions, RequestPartitionId.defaultPartition(),
                type, parameter, system);
    }

    private long systemAndValue(String type, String parameter, String system, String value) {
        return ResourceIndexedSearchParamToken.calculateHashSystemAndValue(partitions,
                RequestPartitionId.defaultPartition(), type, parameter, system, value);
    }

    /** HAPI's date ordinal (yyyymmdd of the date as written) as a date. */
    static LocalDate date(int ordinal) {
        return LocalDate.of(ordinal / 10_000, ordinal / 100 % 100, ordinal % 100);
    }
}
