package org.releasedpn.fhir.bench.data;

/**
 * Adverse events plausible in a diabetic population receiving intramuscular cell injections, coded
 * as MedDRA preferred terms (the contract's preferred terminology for AdverseEvent.event).
 */
enum AdverseEventTerm {
    INJECTION_SITE_PAIN("10022086", "Injection site pain"),
    HEADACHE("10019211", "Headache"),
    PYREXIA("10037660", "Pyrexia"),
    FATIGUE("10016256", "Fatigue"),
    DIZZINESS("10013573", "Dizziness"),
    NAUSEA("10028813", "Nausea"),
    HYPOGLYCAEMIA("10020993", "Hypoglycaemia"),
    ARTHRALGIA("10003239", "Arthralgia"),
    RASH("10037844", "Rash"),
    DIARRHOEA("10012735", "Diarrhoea");

    private final String meddraCode;
    private final String term;

    AdverseEventTerm(String meddraCode, String term) {
        this.meddraCode = meddraCode;
        this.term = term;
    }

    String meddraCode() {
        return meddraCode;
    }

    String term() {
        return term;
    }
}
