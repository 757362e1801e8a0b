package org.releasedpn.fhir.bench.data;

/** The bands of CodeSystem tcss-severity; an interpretation must match the total (dpn-tcss-4). */
public enum TcssSeverity {
    NONE("none", 0, 5),
    MILD("mild", 6, 8),
    MODERATE("moderate", 9, 11),
    SEVERE("severe", 12, TcssItem.MAX_TOTAL);

    private final String code;
    private final int lowest;
    private final int highest;

    TcssSeverity(String code, int lowest, int highest) {
        this.code = code;
        this.lowest = lowest;
        this.highest = highest;
    }

    public String code() {
        return code;
    }

    public static TcssSeverity of(int total) {
        for (TcssSeverity band : values()) {
            if (total >= band.lowest && total <= band.highest) {
                return band;
            }
        }
        throw new IllegalArgumentException("TCSS total out of range: " + total);
    }
}
