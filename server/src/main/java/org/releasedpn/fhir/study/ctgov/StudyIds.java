package org.releasedpn.fhir.study.ctgov;

import java.util.Locale;
import java.util.Optional;

/**
 * The resource ids of one imported trial. They are derived only from the registry record, so a
 * re-import PUTs onto the same resources (an update in place, no duplicates) while another trial
 * gets ids of its own.
 *
 * @param study the ResearchStudy id: the acronym as a lowercase slug ({@code RELEASE-DPN} becomes
 *     {@code release-dpn}, the id the data contract fixes), else the NCT number in lower case
 */
record StudyIds(String study) {

    /** Leaves room for the longest suffix within FHIR's 64-character id limit. */
    private static final int MAX_SLUG_LENGTH = 40;

    static StudyIds of(Optional<String> acronym, String nctId) {
        String slug = acronym.map(StudyIds::slug).orElse("");
        boolean usable = !slug.isEmpty() && slug.length() <= MAX_SLUG_LENGTH;
        return new StudyIds(usable ? slug : nctId.toLowerCase(Locale.ROOT));
    }

    private static String slug(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    }

    String enrolment() {
        return study + "-enrolment";
    }

    String sponsor() {
        return study + "-sponsor";
    }

    /** The n-th registered location, counted from 1 in registry order. */
    String site(int number) {
        return study + "-site-" + number;
    }

    /** The protocol of the n-th arm group, counted from 1 in registry order. */
    String armPlan(int number) {
        return study + "-arm-" + number;
    }
}
