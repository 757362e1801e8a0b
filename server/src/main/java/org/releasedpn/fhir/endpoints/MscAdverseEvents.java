package org.releasedpn.fhir.endpoints;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.AdverseEvent.AdverseEventSuspectEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;

/**
 * A safety proportion: denominator the analysis population, numerator those with at least one
 * adverse event whose suspect entity is an hUC-MSC administration assessed with one of the given
 * causalities, dated from day 0 to day {@value #LAST_DAY}. Only adverse events that name an
 * administration, of a subject in the population and in the window, are read as resources.
 */
final class MscAdverseEvents implements TrialEndpoint {
    static final String CAUSALITY = "http://terminology.hl7.org/CodeSystem/adverse-event-causality-assess";
    static final int LAST_DAY = 728;

    private final Set<String> causalities;

    /** @param causalities codes of {@value #CAUSALITY} that make an event count */
    MscAdverseEvents(Set<String> causalities) {
        this.causalities = Set.copyOf(causalities);
    }

    @Override
    public String unit() {
        return null;
    }

    @Override
    public List<EndpointGroup> evaluate(List<Subject> population, StoredFacts facts, long studyPid) {
        Map<Long, Subject> byPatient = new LinkedHashMap<>();
        population.forEach(subject -> byPatient.put(subject.patientPid(), subject));
        Set<Subject> numerator = new LinkedHashSet<>();
        for (SuspectedAdverseEvent event : facts.suspectedAdverseEvents(studyPid)) {
            Subject subject = byPatient.get(event.patientPid());
            if (subject == null || numerator.contains(subject)) {
                continue;
            }
            long day = subject.day(event.date());
            if (day >= 0 && day <= LAST_DAY && assessedAsRelated(facts.adverseEvent(event.resourcePid()), event)) {
                numerator.add(subject);
            }
        }
        Map<String, Set<Subject>> populations = new LinkedHashMap<>();
        populations.put("initial-population", new LinkedHashSet<>(population));
        populations.put("denominator", new LinkedHashSet<>(population));
        populations.put("numerator", numerator);
        return List.of(new EndpointGroup(null, populations, Map.of()));
    }

    /** A suspect entity that is one of the event's hUC-MSC administrations, with a counting causality. */
    private boolean assessedAsRelated(AdverseEvent adverseEvent, SuspectedAdverseEvent event) {
        for (AdverseEventSuspectEntityComponent suspect : adverseEvent.getSuspectEntity()) {
            IdType instance = new IdType(suspect.getInstance().getReference());
            boolean administration = "Procedure".equals(instance.getResourceType())
                    && event.mscAdministrations().contains(instance.getIdPart());
            if (administration && suspect.getCausality().stream()
                    .flatMap(causality -> causality.getAssessment().getCoding().stream())
                    .anyMatch(this::counts)) {
                return true;
            }
        }
        return false;
    }

    private boolean counts(Coding assessment) {
        return CAUSALITY.equals(assessment.getSystem()) && causalities.contains(assessment.getCode());
    }
}
