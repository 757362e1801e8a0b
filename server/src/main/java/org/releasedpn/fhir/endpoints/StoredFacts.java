package org.releasedpn.fhir.endpoints;

import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.entity.BaseResourceIndexedSearchParam;
import ca.uhn.fhir.jpa.model.entity.ResourceIndexedSearchParamToken;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Coding;

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
    static final String OBSERVATION_STATUS = "http://hl7.org/fhir/observation-status";

    // Each query joins at most three tables and starts from an indexed equality (a hash, or the
    // link target), so that every database's planner takes the one good plan.

    /** The study's ResearchSubjects: their Patient. */
    private static final String SUBJECT_PATIENTS = """
            SELECT s.mySourceResourcePid, p.myPid.myId, p.myFhirId FROM ResourceLink s
            JOIN ResourceLink i ON i.mySourceResourcePid = s.mySourceResourcePid AND i.mySourcePath = 'ResearchSubject.individual'
            JOIN ResourceTable p ON p.myPid.myId = i.myTargetResourcePid
            WHERE s.myTargetResourcePid = :study AND s.mySourcePath = 'ResearchSubject.study'""";
    private static final String SUBJECT_TOKENS = ofSubjects("ResourceIndexedSearchParamToken", "myValue");
    private static final String SUBJECT_DATES = ofSubjects("ResourceIndexedSearchParamDate", "myValueLowDateOrdinal");
    private static final String SUBJECT_STRINGS = ofSubjects("ResourceIndexedSearchParamString", "myValueExact");

    /** Observations of one code: what they link to, their dates, values and coded elements. */
    private static final String CODED_LINKS = """
            SELECT c.myResourcePid, x.myTargetResourcePid, x.mySourcePath FROM ResourceIndexedSearchParamToken c
            JOIN ResourceLink x ON x.mySourceResourcePid = c.myResourcePid
            WHERE c.myHashSystemAndValue = :code""";
    private static final String CODED_DATES = ofCoded("ResourceIndexedSearchParamDate", "myValueLowDateOrdinal, x.myValueLow",
            "x.myHashIdentity");
    private static final String CODED_QUANTITIES = ofCoded("ResourceIndexedSearchParamQuantity", "myValue, x.myUnits",
            "x.myHashIdentity");
    private static final String CODED_TOKENS = ofCoded("ResourceIndexedSearchParamToken", "myValue", "x.myHashSystem");

    /** The study's adverse events that name an hUC-MSC administration, with those administrations. */
    private static final String SUSPECTED_ADMINISTRATIONS = """
            SELECT a.mySourceResourcePid, p.myFhirId FROM ResourceLink a
            JOIN ResourceLink suspect ON suspect.mySourceResourcePid = a.mySourceResourcePid
                 AND suspect.myTargetResourceType = 'Procedure'
            JOIN ResourceIndexedSearchParamToken code ON code.myResourcePid = suspect.myTargetResourcePid
                 AND code.myHashSystemAndValue = :msc
            JOIN ResourceTable p ON p.myPid.myId = suspect.myTargetResourcePid
            WHERE a.myTargetResourcePid = :study AND a.mySourcePath = 'AdverseEvent.study'""";
    private static final String ADVERSE_EVENT_SUBJECTS = """
            SELECT a.mySourceResourcePid, x.myTargetResourcePid FROM ResourceLink a
            JOIN ResourceLink x ON x.mySourceResourcePid = a.mySourceResourcePid AND x.mySourcePath = 'AdverseEvent.subject'
            WHERE a.myTargetResourcePid = :study AND a.mySourcePath = 'AdverseEvent.study'""";
    private static final String ADVERSE_EVENT_DATES = """
            SELECT a.mySourceResourcePid, x.myValueLowDateOrdinal FROM ResourceLink a
            JOIN ResourceIndexedSearchParamDate x ON x.myResourcePid = a.mySourceResourcePid AND x.myHashIdentity = :hash
            WHERE a.myTargetResourcePid = :study AND a.mySourcePath = 'AdverseEvent.study'""";

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
        Map<Long, Object> statuses = bySource(SUBJECT_TOKENS, studyPid, identity("ResearchSubject", "status"));
        Map<Long, Object> starts = bySource(SUBJECT_DATES, studyPid, identity("ResearchSubject", "date"));
        Map<Long, Object> arms = bySource(SUBJECT_STRINGS, studyPid, identity("ResearchSubject", "arm"));
        Map<Long, Enrolment> bySubject = new LinkedHashMap<>();
        for (Object[] row : entityManager.createQuery(SUBJECT_PATIENTS, Object[].class)
                .setParameter("study", studyPid).getResultList()) {
            Integer start = (Integer) starts.get((Long) row[0]);
            bySubject.putIfAbsent((Long) row[0], new Enrolment((Long) row[1], (String) row[2],
                    (String) statuses.get((Long) row[0]), start == null || start == startOfTime ? null : date(start),
                    (String) arms.get((Long) row[0])));
        }
        return List.copyOf(bySubject.values());
    }

    /** The second column of a query over the study's ResearchSubjects, by ResearchSubject. */
    private Map<Long, Object> bySource(String query, long studyPid, long hash) {
        Map<Long, Object> values = new HashMap<>();
        for (Object[] row : entityManager.createQuery(query, Object[].class)
                .setParameter("study", studyPid).setParameter("hash", hash).getResultList()) {
            values.putIfAbsent((Long) row[0], row[1]);
        }
        return values;
    }

    /**
     * The study's Observations of one kind that are not entered-in-error, one per Observation.
     * A value in a unit the endpoint does not accept (the trial's profiles allow none) is left out.
     */
    List<Measurement> measurements(long studyPid, ObservedValue observed) {
        Map<Long, Measurement> byObservation = new LinkedHashMap<>();
        for (Coding code : observed.codes()) {
            CodedObservations coded = new CodedObservations(systemAndValue("Observation", "code", code.getSystem(), code.getCode()));
            for (Object[] date : coded.rows(CODED_DATES, identity("Observation", "date"))) {
                long pid = (Long) date[0];
                Long patient = coded.subjects.get(pid);
                if (patient == null || !coded.inStudy(pid, studyPid) || coded.enteredInError.contains(pid)) {
                    continue;
                }
                Object[] quantity = coded.quantities.get(pid);
                BigDecimal value = quantity == null ? null : observed.normalised((Double) quantity[1], (String) quantity[2]);
                if (quantity != null && value == null) {
                    continue;
                }
                NerveSite site = observed.bySite() ? new NerveSite(coded.nerves.get(pid), coded.sides.get(pid)) : null;
                byObservation.putIfAbsent(pid, new Measurement(pid, patient, date((Integer) date[1]),
                        ((Date) date[2]).getTime(), value, coded.visits.get(pid), site));
            }
        }
        return List.copyOf(byObservation.values());
    }

    /** The index rows of the Observations of one code, gathered by Observation. */
    private final class CodedObservations {
        private final long code;
        final Map<Long, Long> subjects = new HashMap<>();
        final Map<Long, Set<Long>> targets = new HashMap<>();
        final Map<Long, Object[]> quantities = new HashMap<>();
        final Map<Long, String> visits = new HashMap<>();
        final Map<Long, String> nerves = new HashMap<>();
        final Map<Long, String> sides = new HashMap<>();
        final Set<Long> enteredInError = new HashSet<>();

        CodedObservations(long code) {
            this.code = code;
            for (Object[] link : entityManager.createQuery(CODED_LINKS, Object[].class).setParameter("code", code).getResultList()) {
                targets.computeIfAbsent((Long) link[0], pid -> new HashSet<>()).add((Long) link[1]);
                if ("Observation.subject".equals(link[2]) && link[1] != null) {
                    subjects.putIfAbsent((Long) link[0], (Long) link[1]);
                }
            }
            rows(CODED_QUANTITIES, identity("Observation", "value-quantity")).forEach(row -> quantities.putIfAbsent((Long) row[0], row));
            tokens(system("Observation", "visit", STUDY_VISIT)).forEach(row -> visits.putIfAbsent((Long) row[0], (String) row[1]));
            tokens(system("Observation", "body-site", NERVE)).forEach(row -> nerves.putIfAbsent((Long) row[0], (String) row[1]));
            tokens(system("Observation", "laterality", SNOMED)).forEach(row -> sides.putIfAbsent((Long) row[0], (String) row[1]));
            tokens(system("Observation", "status", OBSERVATION_STATUS)).stream()
                    .filter(row -> "entered-in-error".equals(row[1])).forEach(row -> enteredInError.add((Long) row[0]));
        }

        /** The codes of one system (one search parameter) on these Observations. */
        private List<Object[]> tokens(long system) {
            return rows(CODED_TOKENS, system);
        }

        boolean inStudy(long pid, long studyPid) {
            return targets.getOrDefault(pid, Set.of()).contains(studyPid);
        }

        List<Object[]> rows(String query, long hash) {
            return entityManager.createQuery(query, Object[].class).setParameter("code", code).setParameter("hash", hash)
                    .getResultList();
        }
    }

    /** The study's adverse events that name an hUC-MSC administration as a suspect entity. */
    List<SuspectedAdverseEvent> suspectedAdverseEvents(long studyPid) {
        Map<Long, Set<String>> administrations = new LinkedHashMap<>();
        for (Object[] row : entityManager.createQuery(SUSPECTED_ADMINISTRATIONS, Object[].class)
                .setParameter("study", studyPid)
                .setParameter("msc", systemAndValue("Procedure", "code", INTERVENTION, MSC_INJECTION)).getResultList()) {
            administrations.computeIfAbsent((Long) row[0], pid -> new HashSet<>()).add((String) row[1]);
        }
        if (administrations.isEmpty()) {
            return List.of();
        }
        Map<Long, Object> subjects = new HashMap<>();
        entityManager.createQuery(ADVERSE_EVENT_SUBJECTS, Object[].class).setParameter("study", studyPid).getResultList()
                .forEach(row -> subjects.putIfAbsent((Long) row[0], row[1]));
        Map<Long, Object> dates = new HashMap<>();
        entityManager.createQuery(ADVERSE_EVENT_DATES, Object[].class).setParameter("study", studyPid)
                .setParameter("hash", identity("AdverseEvent", "date")).getResultList()
                .forEach(row -> dates.putIfAbsent((Long) row[0], row[1]));
        List<SuspectedAdverseEvent> suspected = new ArrayList<>();
        administrations.forEach((pid, procedures) -> {
            if (subjects.get(pid) != null && dates.get(pid) != null) {
                suspected.add(new SuspectedAdverseEvent(pid, (Long) subjects.get(pid), date((Integer) dates.get(pid)),
                        Set.copyOf(procedures)));
            }
        });
        return suspected;
    }

    /** One index table's column for each of the study's ResearchSubjects, found by the table's hash identity. */
    private static String ofSubjects(String index, String column) {
        return "SELECT s.mySourceResourcePid, x." + column + " FROM ResourceLink s JOIN " + index
                + " x ON x.myResourcePid = s.mySourceResourcePid AND x.myHashIdentity = :hash"
                + " WHERE s.myTargetResourcePid = :study AND s.mySourcePath = 'ResearchSubject.study'";
    }

    /** One index table's columns for each Observation of one code, found by the given hash column. */
    private static String ofCoded(String index, String columns, String hashColumn) {
        return "SELECT c.myResourcePid, x." + columns + " FROM ResourceIndexedSearchParamToken c JOIN " + index
                + " x ON x.myResourcePid = c.myResourcePid AND " + hashColumn + " = :hash"
                + " WHERE c.myHashSystemAndValue = :code";
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
