package org.releasedpn.fhir.bench.data;

/** The 15 items of the Toronto Clinical Scoring System with their highest score (dpn-tcss-3). */
public enum TcssItem {
    SYMPTOM_FOOT_PAIN("symptom-foot-pain", 1),
    SYMPTOM_NUMBNESS("symptom-numbness", 1),
    SYMPTOM_TINGLING("symptom-tingling", 1),
    SYMPTOM_WEAKNESS("symptom-weakness", 1),
    SYMPTOM_ATAXIA("symptom-ataxia", 1),
    SYMPTOM_UPPER_LIMB("symptom-upper-limb", 1),
    REFLEX_KNEE_LEFT("reflex-knee-left", 2),
    REFLEX_KNEE_RIGHT("reflex-knee-right", 2),
    REFLEX_ANKLE_LEFT("reflex-ankle-left", 2),
    REFLEX_ANKLE_RIGHT("reflex-ankle-right", 2),
    SENSORY_PINPRICK("sensory-pinprick", 1),
    SENSORY_TEMPERATURE("sensory-temperature", 1),
    SENSORY_LIGHT_TOUCH("sensory-light-touch", 1),
    SENSORY_VIBRATION("sensory-vibration", 1),
    SENSORY_POSITION("sensory-position", 1);

    /** 6 symptoms + 4 reflexes x 2 + 5 sensory tests (dpn-tcss-1). */
    public static final int MAX_TOTAL = 19;

    private final String code;
    private final int maxScore;

    TcssItem(String code, int maxScore) {
        this.code = code;
        this.maxScore = maxScore;
    }

    public String code() {
        return code;
    }

    public int maxScore() {
        return maxScore;
    }

    public static TcssItem fromCode(String code) {
        for (TcssItem item : values()) {
            if (item.code.equals(code)) {
                return item;
            }
        }
        throw new IllegalArgumentException("not a TCSS item: " + code);
    }
}
