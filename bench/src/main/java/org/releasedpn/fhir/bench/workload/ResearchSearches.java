package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.data.EnrolledSubject;
import org.releasedpn.fhir.bench.data.TrialCanonicals;
import org.releasedpn.fhir.bench.http.FhirClient;
import org.releasedpn.fhir.bench.http.FhirResponse;
import org.releasedpn.fhir.bench.http.SearchQuery;
import org.releasedpn.fhir.bench.stats.PhaseRecorder;

import java.time.LocalDate;
import java.util.List;

/**
 * The queries research systems run (contract section 6): all TCSS totals of the study 50 a page,
 * one subject's observations in a date window with the Patient included, and paging on through
 * {@code next} links. Each load client keeps its own place in a walk through all pages.
 */
final class ResearchSearches {
    static final String STUDY_TCSS = "study TCSS page 1";
    static final String SUBJECT_WINDOW = "subject date window +include";
    static final String NEXT_PAGE = "next page";
    /** Six months of follow-up: the window a per-subject review typically looks at. */
    private static final int WINDOW_DAYS = 182;

    private final FhirClient client;
    private final SubjectPool pool;
    private final String[] walkCursors;

    ResearchSearches(FhirClient client, SubjectPool pool, int clients) {
        this.client = client;
        this.pool = pool;
        this.walkCursors = new String[clients];
    }

    static SearchQuery studyTcss() {
        return SearchQuery.of("Observation")
                .where("study", TrialCanonicals.STUDY_REFERENCE)
                .where("code", TrialCanonicals.TCSS_SYSTEM + "|total")
                .where("_count", "50");
    }

    static SearchQuery subjectWindow(EnrolledSubject subject) {
        LocalDate from = subject.plan().periodStart();
        return SearchQuery.of("Observation")
                .where("subject", subject.patientReference())
                .where("date", "ge" + from)
                .where("date", "le" + from.plusDays(WINDOW_DAYS))
                .where("_include", "Observation:subject")
                .where("_count", "50");
    }

    /** The search workload's rotation: first page, subject window, next page of this client's walk. */
    void rotate(int client, long index, PhaseRecorder recorder) {
        switch ((int) (index % 3)) {
            case 0 -> firstPage(recorder);
            case 1 -> subjectWindow(index, recorder);
            default -> nextPageOfWalk(client, recorder);
        }
    }

    /** The reads of the mixed workload: the two entry queries, alternately. */
    void read(long index, PhaseRecorder recorder) {
        if (index % 2 == 0) {
            firstPage(recorder);
        } else {
            subjectWindow(index, recorder);
        }
    }

    void firstPage(PhaseRecorder recorder) {
        search(STUDY_TCSS, client.search(studyTcss()), recorder);
    }

    void subjectWindow(long index, PhaseRecorder recorder) {
        List<EnrolledSubject> subjects = pool.enrolled();
        EnrolledSubject subject = subjects.get((int) (index % subjects.size()));
        search(SUBJECT_WINDOW, client.search(subjectWindow(subject)), recorder);
    }

    /**
     * One page of a walk through all study TCSS results: the first page when the client has no
     * walk under way, else the page its last {@code next} link points at.
     *
     * @return true when this page was the last one
     */
    boolean nextPageOfWalk(int clientNumber, PhaseRecorder recorder) {
        String cursor = walkCursors[clientNumber];
        FhirResponse response = cursor == null ? client.search(studyTcss()) : client.follow(cursor);
        FhirBundles.SearchPage page = search(cursor == null ? STUDY_TCSS : NEXT_PAGE, response, recorder);
        walkCursors[clientNumber] = page == null ? null : page.next().orElse(null);
        return page != null && page.next().isEmpty();
    }

    private FhirBundles.SearchPage search(String operation, FhirResponse response, PhaseRecorder recorder) {
        if (!response.isSuccess()) {
            recorder.failure(operation, response.nanos(), response.describe(operation));
            return null;
        }
        FhirBundles.SearchPage page = FhirBundles.searchPage(response.body());
        recorder.success(operation, response.nanos(), page.entries());
        return page;
    }
}
