package org.releasedpn.fhir.security;

/**
 * The four kinds of client the trial has, with exactly the scopes the README tells an operator to
 * grant them (written out here, not taken from the server's code, so that the tests check what
 * operators configure).
 */
enum TrialClients {
    /** Writes the trial's clinical resources and Patients; no reading, no searching across patients. */
    EHR("system/Patient.cu system/Consent.cu system/ResearchSubject.cu system/Observation.cu system/Procedure.cu "
            + "system/AdverseEvent.cu dpn/validate"),
    /** Reads and searches everything except the audit trail, in the pseudonymised view. */
    RESEARCH("system/*.rs"),
    /** Data manager / administrator: everything, identified, also conformance resources, the trial, $import-ctgov. */
    ADMIN("system/*.cruds system/AuditEvent.rs dpn/admin dpn/validate dpn/identified"),
    /** Only $validate and the terminology operations. */
    INTEGRATOR("dpn/validate");

    final String scopes;

    TrialClients(String scopes) {
        this.scopes = scopes;
    }
}
