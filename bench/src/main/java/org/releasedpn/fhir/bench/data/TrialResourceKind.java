package org.releasedpn.fhir.bench.data;

/** Every kind of resource the generator makes, with the FHIR resource type it is sent as. */
public enum TrialResourceKind {
    PATIENT("Patient"),
    RESEARCH_SUBJECT("ResearchSubject"),
    TCSS("Observation"),
    NERVE_CONDUCTION("Observation"),
    CRP("Observation"),
    MSC_INJECTION("Procedure"),
    ADVERSE_EVENT("AdverseEvent");

    private final String resourceType;

    TrialResourceKind(String resourceType) {
        this.resourceType = resourceType;
    }

    public String resourceType() {
        return resourceType;
    }

    /** The label used in reports, in the trial's words. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
