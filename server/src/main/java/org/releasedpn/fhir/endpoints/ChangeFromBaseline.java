package org.releasedpn.fhir.endpoints;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A continuous-variable endpoint: per subject, the week-24 value minus the baseline value.
 * initial-population is the analysis population, measure-population those with both values. Where
 * a no-response (an Observation without value, with a dataAbsentReason) is a result of its own
 * (nerve conduction), a subject whose baseline or week-24 value is one is counted in
 * measure-population-exclusion and has no change; elsewhere a value-less Observation is no value.
 */
final class ChangeFromBaseline implements TrialEndpoint {
    private static final Comparator<NerveSite> SITE_ORDER = Comparator
            .comparing(NerveSite::nerve, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(NerveSite::laterality, Comparator.nullsLast(Comparator.naturalOrder()));

    private final ObservedValue observed;
    private final boolean noResponseCountedApart;

    ChangeFromBaseline(ObservedValue observed, boolean noResponseCountedApart) {
        this.observed = observed;
        this.noResponseCountedApart = noResponseCountedApart;
    }

    @Override
    public String unit() {
        return observed.unit();
    }

    @Override
    public List<EndpointGroup> evaluate(List<Subject> population, StoredFacts facts, long studyPid) {
        Set<Long> patients = population.stream().map(Subject::patientPid).collect(Collectors.toSet());
        List<Measurement> measurements = facts.measurements(studyPid, observed).stream()
                .filter(m -> patients.contains(m.patientPid()))
                .filter(m -> noResponseCountedApart || !m.noResponse())
                .toList();
        if (!observed.bySite()) {
            return List.of(group(null, population, measurements));
        }
        // One group per nerve and side present in the data.
        Map<NerveSite, List<Measurement>> bySite = new TreeMap<>(SITE_ORDER);
        measurements.forEach(m -> bySite.computeIfAbsent(m.site(), site -> new ArrayList<>()).add(m));
        List<EndpointGroup> groups = new ArrayList<>();
        bySite.forEach((site, ofSite) -> groups.add(group(site, population, ofSite)));
        return groups;
    }

    private EndpointGroup group(NerveSite site, List<Subject> population, List<Measurement> measurements) {
        Map<Long, List<Measurement>> byPatient = measurements.stream()
                .collect(Collectors.groupingBy(Measurement::patientPid));
        Set<Subject> measured = new LinkedHashSet<>();
        Set<Subject> noResponse = new LinkedHashSet<>();
        Map<Subject, BigDecimal> changes = new LinkedHashMap<>();
        for (Subject subject : population) {
            List<Measurement> own = byPatient.getOrDefault(subject.patientPid(), List.of());
            Optional<Measurement> baseline = Visit.baseline(subject, own);
            Optional<Measurement> week24 = Visit.WEEK_24.of(subject, own);
            if (baseline.isEmpty() || week24.isEmpty()) {
                continue;
            }
            measured.add(subject);
            if (baseline.get().noResponse() || week24.get().noResponse()) {
                noResponse.add(subject);
            } else {
                changes.put(subject, week24.get().value().subtract(baseline.get().value()));
            }
        }
        Map<String, Set<Subject>> populations = new LinkedHashMap<>();
        populations.put("initial-population", new LinkedHashSet<>(population));
        populations.put("measure-population", measured);
        if (noResponseCountedApart) {
            populations.put("measure-population-exclusion", noResponse);
        }
        return new EndpointGroup(site == null ? null : site.code(), populations, changes);
    }
}
