package org.releasedpn.fhir.pseudonymisation;

import java.util.Arrays;
import java.util.Optional;

/** What a rule does to the elements it names, as written in the rules file. */
enum MaskingAction {
    /** The element is left out. */
    REMOVE("remove"),
    /** A date or dateTime keeps its year only ({@code 1961-04-12} → {@code 1961}); other types stay. */
    YEAR_ONLY("year-only"),
    /** Identifiers stay only when their system is one of the rule's systems. */
    KEEP_IDENTIFIER_SYSTEMS("keep-identifier-systems");

    final String code;

    MaskingAction(String code) {
        this.code = code;
    }

    static Optional<MaskingAction> of(String code) {
        return Arrays.stream(values()).filter(action -> action.code.equals(code)).findFirst();
    }
}
