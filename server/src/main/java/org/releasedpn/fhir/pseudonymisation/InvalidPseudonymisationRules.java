package org.releasedpn.fhir.pseudonymisation;

/**
 * The pseudonymisation rules cannot be used (unreadable, or naming an element FHIR R4 does not
 * have): the server does not start, since a view that silently skips a rule would show what the
 * rule was written to hide.
 */
public final class InvalidPseudonymisationRules extends RuntimeException {
    public InvalidPseudonymisationRules(String message) {
        super(message);
    }

    public InvalidPseudonymisationRules(String message, Throwable cause) {
        super(message, cause);
    }
}
