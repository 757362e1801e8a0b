package org.releasedpn.fhir.bench.data;

import java.util.EnumSet;
import java.util.Set;

/** The visits of CodeSystem study-visit with their nominal day relative to ResearchSubject.period.start. */
public enum StudyVisit {
    SCREENING("screening", -30),
    DAY_0("day-0", 0),
    DAY_7("day-7", 7),
    DAY_28("day-28", 28),
    WEEK_12("week-12", 84),
    WEEK_24("week-24", 168),
    WEEK_52("week-52", 364),
    WEEK_104("week-104", 728),
    UNSCHEDULED("unscheduled", -1);

    /** The visits at which the Experimental arm receives one hUC-MSC injection each. */
    public static final Set<StudyVisit> INJECTION_VISITS = EnumSet.of(DAY_0, DAY_7, DAY_28);

    private final String code;
    private final int nominalDay;

    StudyVisit(String code, int nominalDay) {
        this.code = code;
        this.nominalDay = nominalDay;
    }

    public String code() {
        return code;
    }

    /** Days after period.start; meaningless for SCREENING and UNSCHEDULED, which are placed by the calendar. */
    int nominalDay() {
        return nominalDay;
    }

    boolean isScheduledOnStudy() {
        return this != SCREENING && this != UNSCHEDULED;
    }
}
