package org.releasedpn.fhir.endpoints;

import org.hl7.fhir.r4.model.CodeableConcept;

/**
 * The nerve and side of a nerve conduction study: a code of CodeSystem {@code nerve} and the SNOMED CT
 * laterality (7771000 left, 24028007 right). Either is null when the Observation lacks it.
 */
record NerveSite(String nerve, String laterality) {

    /** The report group's code: the nerve and the side, as codings. */
    CodeableConcept code() {
        CodeableConcept code = new CodeableConcept();
        if (nerve != null) {
            code.addCoding().setSystem(StoredFacts.NERVE).setCode(nerve);
        }
        if (laterality != null) {
            code.addCoding().setSystem(StoredFacts.SNOMED).setCode(laterality).setDisplay(side());
        }
        return code.setText((nerve == null ? "unknown nerve" : nerve) + ", " + (side() == null ? "unknown side" : side()));
    }

    private String side() {
        if ("7771000".equals(laterality)) {
            return "left";
        }
        return "24028007".equals(laterality) ? "right" : null;
    }
}
