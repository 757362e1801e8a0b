package org.releasedpn.fhir.endpoints;

import java.util.List;

/** What one of the trial's endpoint Measures computes (contract section 7). */
interface TrialEndpoint {

    /** The groups of the report over the analysis population of one study. */
    List<EndpointGroup> evaluate(List<Subject> population, StoredFacts facts, long studyPid);

    /** The UCUM unit of a continuous variable's changes; null for a proportion. */
    String unit();
}
