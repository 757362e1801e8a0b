package org.releasedpn.fhir.study.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * dpn-rs-4 and dpn-enrol-2 under concurrency ({@link RuleIndexes}, {@link UniqueIndexViolations}):
 * N identical POSTs released together through a start gate; the database lets exactly one through
 * and every other one is answered 422 with the rule key.
 */
abstract class RuleIndexesConcurrencySuite {
    private static final int N = 8;
    private StudyIntake intake;

    @BeforeEach
    void connect(FhirServer server) {
        intake = new StudyIntake(server);
    }

    @Test
    void parallelSubjectsForOnePatientAndStudy_oneIsStored() throws Exception {
        String patient = intake.unenrolledPatient("race-rs");
        Resource subject = StudyIntake.subject(patient, StudyIntake.STUDY, ResearchSubjectStatus.SCREENING, null, null);

        List<Http.Response> answers = race(subject);

        assertEquals(1, intake.count("ResearchSubject?individual=Patient/" + patient),
                () -> "stored ResearchSubjects; statuses " + statuses(answers));
        assertOneCreatedRestRefused(answers, "dpn-rs-4");
    }

    @Test
    void parallelInjectionsForOneVisit_oneIsStored() throws Exception {
        String patient = intake.enrolledPatient("race-msc", TrialSubjects.EXPERIMENTAL);
        Resource injection = StudyIntake.msc(patient, "day-0", StudyIntake.at(StudyIntake.START));

        List<Http.Response> answers = race(injection);

        assertEquals(1, intake.count("Procedure?subject=Patient/" + patient),
                () -> "stored injections; statuses " + statuses(answers));
        assertOneCreatedRestRefused(answers, "dpn-enrol-2");
    }

    /** POSTs {@code resource} N times at once. */
    private List<Http.Response> race(Resource resource) throws Exception {
        String body = TrialExamples.json(resource);
        ExecutorService pool = Executors.newFixedThreadPool(N);
        try {
            CountDownLatch ready = new CountDownLatch(N);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Http.Response>> futures = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return Http.send("POST", intake.fhir.uri(resource.fhirType()), FHIR_JSON, body);
                }));
            }
            ready.await(30, TimeUnit.SECONDS);
            go.countDown();
            List<Http.Response> answers = new ArrayList<>();
            for (Future<Http.Response> future : futures) {
                answers.add(future.get(180, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    /** e.g. {201=1, 422=7} */
    private static java.util.Map<Integer, Long> statuses(List<Http.Response> answers) {
        return answers.stream().collect(Collectors.groupingBy(Http.Response::status, java.util.TreeMap::new,
                Collectors.counting()));
    }

    private static void assertOneCreatedRestRefused(List<Http.Response> answers, String ruleKey) {
        String all = answers.stream().map(Http.Response::toString).collect(Collectors.joining("\n"));
        assertEquals(1, answers.stream().filter(a -> a.status() == 201).count(), () -> "not exactly one 201:\n" + all);
        assertEquals(answers.size() - 1, answers.stream().filter(a -> a.status() == 422).count(),
                () -> "the others are not all 422 (" + statuses(answers) + "):\n" + all);
        for (Http.Response answer : answers) {
            if (answer.status() != 201) {
                RuleOutcomes.assertRejected(answer, ruleKey, null);
            }
        }
    }
}
