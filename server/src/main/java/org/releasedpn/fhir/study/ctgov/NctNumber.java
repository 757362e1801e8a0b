package org.releasedpn.fhir.study.ctgov;

import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Identifier;

/** The trial's ClinicalTrials.gov registration number, checked as the contract's profile checks it. */
record NctNumber(String value) {

    static final String SYSTEM = "https://clinicaltrials.gov/nctid";

    private static final Pattern FORMAT = Pattern.compile("^NCT\\d{8}$");

    static NctNumber of(RegistryNode nctId) {
        String value = nctId.requiredText();
        if (!FORMAT.matcher(value).matches()) {
            throw nctId.invalid("is '" + value + "', not an NCT number (NCT and 8 digits, e.g. NCT07183761)");
        }
        return new NctNumber(value);
    }

    Identifier toIdentifier() {
        return new Identifier().setUse(Identifier.IdentifierUse.OFFICIAL).setSystem(SYSTEM).setValue(value);
    }
}
