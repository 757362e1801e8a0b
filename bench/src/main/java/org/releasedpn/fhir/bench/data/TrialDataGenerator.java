package org.releasedpn.fhir.bench.data;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Generates RELEASE-DPN data that satisfies the clinical data contract: subjects to enrol, then a
 * realistic mix of TCSS, nerve conduction, CRP, hUC-MSC injections and adverse events.
 *
 * <p>The same seed, run id and "today" give the same sequence of resources. The run id goes into
 * every subject number so that repeated runs against one server never collide. Methods are
 * synchronized so that load clients can share one generator; the sequence of subjects and of
 * clinical resources stays deterministic, only which client sends which resource varies.
 *
 * <p>Enrolment order per subject: {@link #patient}, {@link #screeningResearchSubject},
 * {@link #screeningTcss}, then {@link #onStudyResearchSubject} as an update; only then are the
 * clinical resources for that subject accepted by the server (dpn-enrol-1, dpn-rs-3).
 */
public final class TrialDataGenerator {
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{1,24}");
    /** Screening TCSS must reach moderate neuropathy for the subject to be eligible (dpn-rs-3). */
    private static final int SCREENING_MINIMUM_TCSS = 9;

    private final Random random;
    private final String runId;
    private final VisitCalendar calendar;
    private final Map<String, EnumSet<StudyVisit>> injectionsGiven = new HashMap<>();
    private int subjectsPlanned;

    public TrialDataGenerator(long seed, String runId) {
        this(seed, runId, LocalDate.now(ZoneOffset.UTC));
    }

    /** @param today the day generated dates are kept before; fixed in tests for reproducibility */
    public TrialDataGenerator(long seed, String runId, LocalDate today) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("run id must be 1-24 letters, digits or '-': " + runId);
        }
        this.random = new Random(seed);
        this.runId = runId;
        this.calendar = new VisitCalendar(today);
    }

    public String runId() {
        return runId;
    }

    /** The latest day any generated clinical date can have (yesterday). */
    public LocalDate lastClinicalDay() {
        return calendar.lastAllowedDay();
    }

    public synchronized StudySubject nextSubject() {
        subjectsPlanned++;
        String subjectNumber = "DPN-%s-%05d".formatted(runId, subjectsPlanned);
        StudyArm arm = random.nextBoolean() ? StudyArm.EXPERIMENTAL : StudyArm.CONTROL;
        String gender = random.nextBoolean() ? "female" : "male";
        LocalDate periodStart = calendar.choosePeriodStart(random);
        int age = 30 + random.nextInt(46);
        // Up to 300 days short of the next birthday keeps the completed age exactly `age`.
        LocalDate birthDate = periodStart.minusYears(age).minusDays(random.nextInt(301));
        LocalDate screeningDate = periodStart.minusDays(1 + random.nextInt(59));
        return new StudySubject(subjectNumber, arm, gender, birthDate, periodStart, screeningDate, random.nextLong());
    }

    public synchronized GeneratedResource patient(StudySubject subject) {
        return new GeneratedResource(TrialResourceKind.PATIENT, PatientResource.build(subject));
    }

    public synchronized GeneratedResource screeningResearchSubject(StudySubject subject, String patientReference) {
        return new GeneratedResource(TrialResourceKind.RESEARCH_SUBJECT,
                ResearchSubjectResource.screening(subject, patientReference));
    }

    /** The eligibility TCSS: total ≥ 9, dated within the 60 days before period.start. */
    public GeneratedResource screeningTcss(StudySubject subject, String patientReference) {
        Random own = new Random(subject.screeningSeed());
        String effective = calendar.dateTime(subject.screeningDate(), own);
        return new GeneratedResource(TrialResourceKind.TCSS, TcssObservation.build(own, patientReference,
                StudyVisit.SCREENING, effective, 0.65, SCREENING_MINIMUM_TCSS, own.nextDouble() < 0.7));
    }

    /** The update (PUT) that puts the subject on-study in the randomised arm. */
    public synchronized GeneratedResource onStudyResearchSubject(StudySubject subject, String patientReference,
                                                                 String researchSubjectId) {
        return new GeneratedResource(TrialResourceKind.RESEARCH_SUBJECT,
                ResearchSubjectResource.onStudy(subject, patientReference, researchSubjectId));
    }

    public synchronized GeneratedResource tcss(EnrolledSubject subject) {
        StudyVisit visit = visitFor(subject.plan());
        // Severity eases a little in the Experimental arm after the injections: the trial's hypothesis.
        boolean treated = subject.plan().arm() == StudyArm.EXPERIMENTAL && visit.nominalDay() > 28;
        return new GeneratedResource(TrialResourceKind.TCSS, TcssObservation.build(random,
                subject.patientReference(), visit, dateTimeOf(subject.plan(), visit),
                treated ? 0.45 : 0.55, 0, random.nextDouble() < 0.7));
    }

    public synchronized GeneratedResource nerveConduction(EnrolledSubject subject) {
        StudyVisit visit = visitFor(subject.plan());
        return new GeneratedResource(TrialResourceKind.NERVE_CONDUCTION, NerveConductionObservation.build(
                random, subject.patientReference(), visit, dateTimeOf(subject.plan(), visit)));
    }

    public synchronized GeneratedResource crp(EnrolledSubject subject) {
        StudyVisit visit = visitFor(subject.plan());
        return new GeneratedResource(TrialResourceKind.CRP, CrpObservation.build(
                random, subject.patientReference(), visit, dateTimeOf(subject.plan(), visit)));
    }

    /**
     * The subject's next hUC-MSC injection, or empty for a Control-arm subject or one who has had
     * all three (dpn-enrol-2: Experimental arm only, at most one per visit).
     */
    public synchronized Optional<GeneratedResource> mscInjection(EnrolledSubject subject) {
        StudySubject plan = subject.plan();
        if (plan.arm() != StudyArm.EXPERIMENTAL) {
            return Optional.empty();
        }
        EnumSet<StudyVisit> given = injectionsGiven.computeIfAbsent(plan.subjectNumber(),
                k -> EnumSet.noneOf(StudyVisit.class));
        Optional<StudyVisit> next = StudyVisit.INJECTION_VISITS.stream().filter(v -> !given.contains(v)).findFirst();
        next.ifPresent(given::add);
        return next.map(visit -> new GeneratedResource(TrialResourceKind.MSC_INJECTION,
                MscInjectionProcedure.build(subject.patientReference(), visit, dateTimeOf(plan, visit))));
    }

    public synchronized GeneratedResource adverseEvent(EnrolledSubject subject) {
        StudyVisit visit = visitFor(subject.plan());
        LocalDate onset = calendar.latestOf(calendar.dateOf(subject.plan(), visit, random).plusDays(random.nextInt(4)));
        LocalDate recorded = calendar.latestOf(onset.plusDays(random.nextInt(3)));
        return new GeneratedResource(TrialResourceKind.ADVERSE_EVENT, AdverseEventResource.build(random,
                subject.patientReference(), visit, calendar.dateTime(onset, random), calendar.dateTime(recorded, random)));
    }

    /** One clinical resource of the trial mix for a subject drawn from {@code enrolled}. */
    public synchronized GeneratedResource nextTrialMixResource(List<EnrolledSubject> enrolled) {
        if (enrolled.isEmpty()) {
            throw new IllegalArgumentException("clinical data needs at least one enrolled subject");
        }
        EnrolledSubject subject = enrolled.get(random.nextInt(enrolled.size()));
        return switch (TrialMix.draw(random)) {
            case NERVE_CONDUCTION -> nerveConduction(subject);
            case CRP -> crp(subject);
            case ADVERSE_EVENT -> adverseEvent(subject);
            // A Control-arm subject, or one with all three injections, has another TCSS instead.
            case MSC_INJECTION -> mscInjection(subject).orElseGet(() -> tcss(subject));
            default -> tcss(subject);
        };
    }

    /**
     * At least {@code perKind} resources of every kind, for validation tests that POST them to
     * {@code $validate} without a stored subject: references point at placeholder ids
     * ({@code Patient/<runId>-p<n>}). From {@code perKind} 2 on, ResearchSubjects include both the
     * screening and the on-study form; TCSS include screening ones.
     */
    public synchronized List<GeneratedResource> sampleOfEveryKind(int perKind) {
        Map<TrialResourceKind, Integer> counts = new EnumMap<>(TrialResourceKind.class);
        List<GeneratedResource> sample = new ArrayList<>();
        if (perKind <= 0) {
            return sample;
        }
        int n = 0;
        while (counts.size() < TrialResourceKind.values().length
                || counts.values().stream().anyMatch(c -> c < perKind)) {
            n++;
            StudySubject plan = nextSubject();
            EnrolledSubject subject = new EnrolledSubject(plan, "Patient/" + runId + "-p" + n, runId + "-rs" + n);
            GeneratedResource screening = screeningResearchSubject(plan, subject.patientReference());
            GeneratedResource onStudy = onStudyResearchSubject(plan, subject.patientReference(), subject.researchSubjectId());
            // Alternate which ResearchSubject form comes first so that both appear from perKind 2 on.
            List<GeneratedResource> candidates = new ArrayList<>(List.of(
                    patient(plan),
                    n % 2 == 1 ? screening : onStudy,
                    n % 2 == 1 ? onStudy : screening,
                    screeningTcss(plan, subject.patientReference()),
                    tcss(subject), nerveConduction(subject), crp(subject), adverseEvent(subject)));
            mscInjection(subject).ifPresent(candidates::add);
            for (GeneratedResource resource : candidates) {
                if (counts.getOrDefault(resource.kind(), 0) < perKind) {
                    counts.merge(resource.kind(), 1, Integer::sum);
                    sample.add(resource);
                }
            }
        }
        return sample;
    }

    private StudyVisit visitFor(StudySubject subject) {
        List<StudyVisit> held = calendar.visitsHeld(subject);
        return held.get(random.nextInt(held.size()));
    }

    private String dateTimeOf(StudySubject subject, StudyVisit visit) {
        return calendar.dateTime(calendar.dateOf(subject, visit, random), random);
    }
}
