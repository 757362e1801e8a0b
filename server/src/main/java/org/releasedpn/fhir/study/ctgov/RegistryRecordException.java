package org.releasedpn.fhir.study.ctgov;

/**
 * A ClinicalTrials.gov record the importer refuses. {@link #field()} is the registry's own path to
 * the offending element (e.g. {@code protocolSection.identificationModule.nctId}), so whoever
 * maintains the record can find it in the registry's API documentation without knowing FHIR.
 */
public final class RegistryRecordException extends RuntimeException {

    /** Why a field was refused; the operation turns this into the OperationOutcome issue code. */
    public enum Problem {
        /** The field is absent, null, blank or an empty list, but the contract needs it. */
        MISSING,
        /** The field is present but its value cannot be mapped. */
        INVALID,
        /** The body is not a JSON object at all; {@link #field()} is empty. */
        UNREADABLE
    }

    private final String field;
    private final Problem problem;

    public RegistryRecordException(String field, Problem problem, String detail) {
        this(field, problem, detail, null);
    }

    public RegistryRecordException(String field, Problem problem, String detail, Throwable cause) {
        super(field.isEmpty()
                ? "Registry record " + detail
                : "Registry record field " + field + " " + detail, cause);
        this.field = field;
        this.problem = problem;
    }

    /** The registry path of the refused element; empty when the record as a whole is unreadable. */
    public String field() {
        return field;
    }

    public Problem problem() {
        return problem;
    }
}
