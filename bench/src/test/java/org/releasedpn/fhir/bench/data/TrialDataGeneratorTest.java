package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks generated data against the invariants of the clinical data contract that a client can
 * check on its own: everything the server would reject on these grounds must never be generated.
 */
class TrialDataGeneratorTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    private static final int SUBJECTS = 200;
    private static final int MIX_RESOURCES = 5_000;

    private final TrialDataGenerator generator = new TrialDataGenerator(42, "test", TODAY);

    @Test
    void subjectsAreEligibleAndNumberedUniquely() {
        Set<String> numbers = new HashSet<>();
        for (int i = 0; i < SUBJECTS; i++) {
            StudySubject subject = generator.nextSubject();
            assertTrue(numbers.add(subject.subjectNumber()), "duplicate " + subject.subjectNumber());
            assertTrue(subject.subjectNumber().contains("test"), "the run id makes numbers unique per run");
            int age = Period.between(subject.birthDate(), subject.periodStart()).getYears();
            assertTrue(age >= 30 && age <= 75, "age " + age);
            long screeningLead = ChronoUnit.DAYS.between(subject.screeningDate(), subject.periodStart());
            assertTrue(screeningLead >= 1 && screeningLead <= 60, "screening " + screeningLead + " days before start");
            assertTrue(subject.periodStart().plusDays(28).isBefore(TODAY), "day-28 injection must be in the past");
        }
    }

    @Test
    void differentRunsNumberSubjectsDifferently() {
        String first = new TrialDataGenerator(1, "run-a", TODAY).nextSubject().subjectNumber();
        String second = new TrialDataGenerator(1, "run-b", TODAY).nextSubject().subjectNumber();
        assertNotEquals(first, second);
    }

    @Test
    void sameSeedGivesTheSameData() {
        assertEquals(sequence(new TrialDataGenerator(7, "x", TODAY)), sequence(new TrialDataGenerator(7, "x", TODAY)));
        assertNotEquals(sequence(new TrialDataGenerator(7, "x", TODAY)), sequence(new TrialDataGenerator(8, "x", TODAY)));
    }

    @Test
    void screeningDataDoNotDependOnTheOrderClientsEnrolIn() {
        TrialDataGenerator one = new TrialDataGenerator(5, "order", TODAY);
        TrialDataGenerator other = new TrialDataGenerator(5, "order", TODAY);
        StudySubject a1 = one.nextSubject();
        StudySubject b1 = one.nextSubject();
        StudySubject a2 = other.nextSubject();
        StudySubject b2 = other.nextSubject();
        String bFirst = other.screeningTcss(b2, "Patient/b").json();
        String aSecond = other.screeningTcss(a2, "Patient/a").json();
        assertEquals(one.screeningTcss(a1, "Patient/a").json(), aSecond);
        assertEquals(one.screeningTcss(b1, "Patient/b").json(), bFirst);
    }

    @Test
    void enrolmentResourcesFollowTheResearchSubjectRules() {
        StudySubject subject = generator.nextSubject();
        JsonNode patient = generator.patient(subject).resource();
        assertEquals(subject.birthDate().toString(), patient.path("birthDate").asText());

        JsonNode screening = generator.screeningResearchSubject(subject, "Patient/1").resource();
        assertEquals("screening", screening.path("status").asText());
        assertEquals("http://fhir.release-dpn.org/subject-id", screening.at("/identifier/0/system").asText());
        assertEquals(subject.subjectNumber(), screening.at("/identifier/0/value").asText());
        assertEquals("ResearchStudy/release-dpn", screening.at("/study/reference").asText());
        assertEquals("Patient/1", screening.at("/individual/reference").asText());
        assertEquals(subject.periodStart().toString(), screening.at("/period/start").asText());

        JsonNode tcss = generator.screeningTcss(subject, "Patient/1").resource();
        ContractChecks.tcss(tcss);
        assertTrue(tcss.at("/valueQuantity/value").asInt() >= 9, "screening TCSS makes the subject eligible");
        assertEquals(subject.screeningDate(), OffsetDateTime.parse(tcss.path("effectiveDateTime").asText()).toLocalDate());

        JsonNode onStudy = generator.onStudyResearchSubject(subject, "Patient/1", "rs-1").resource();
        assertEquals("rs-1", onStudy.path("id").asText());
        assertEquals("on-study", onStudy.path("status").asText());
        assertTrue(Set.of("Experimental group", "Control group").contains(onStudy.path("assignedArm").asText()));
        assertEquals(subject.arm().armName(), onStudy.path("assignedArm").asText());
        assertEquals(subject.periodStart().toString(), onStudy.at("/period/start").asText());
    }

    @Test
    void everyMixResourceMeetsItsProfileInvariants() {
        List<EnrolledSubject> enrolled = enrol(SUBJECTS);
        Map<TrialResourceKind, Integer> kinds = new HashMap<>();
        for (int i = 0; i < MIX_RESOURCES; i++) {
            GeneratedResource resource = generator.nextTrialMixResource(enrolled);
            kinds.merge(resource.kind(), 1, Integer::sum);
            ContractChecks.check(resource, TODAY);
        }
        assertEquals(EnumSet.of(TrialResourceKind.TCSS, TrialResourceKind.NERVE_CONDUCTION, TrialResourceKind.CRP,
                TrialResourceKind.MSC_INJECTION, TrialResourceKind.ADVERSE_EVENT), EnumSet.copyOf(kinds.keySet()));
    }

    @Test
    void mscInjectionsOnlyForTheExperimentalArmAndOncePerVisit() {
        List<EnrolledSubject> enrolled = enrol(SUBJECTS);
        Map<String, StudyArm> armOf = new HashMap<>();
        enrolled.forEach(s -> armOf.put(s.patientReference(), s.plan().arm()));
        Set<String> subjectVisits = new HashSet<>();
        int injections = 0;
        for (int i = 0; i < MIX_RESOURCES; i++) {
            GeneratedResource resource = generator.nextTrialMixResource(enrolled);
            if (resource.kind() == TrialResourceKind.MSC_INJECTION) {
                injections++;
                String subject = resource.resource().at("/subject/reference").asText();
                assertEquals(StudyArm.EXPERIMENTAL, armOf.get(subject));
                String visit = ContractChecks.visitCode(resource.resource());
                assertTrue(Set.of("day-0", "day-7", "day-28").contains(visit));
                assertTrue(subjectVisits.add(subject + " " + visit), "second injection at " + visit + " for " + subject);
            }
        }
        assertTrue(injections > 0);
        for (EnrolledSubject subject : enrolled) {
            if (subject.plan().arm() == StudyArm.CONTROL) {
                assertTrue(generator.mscInjection(subject).isEmpty());
            }
        }
    }

    @Test
    void sampleOfEveryKindCoversAllKinds() {
        List<GeneratedResource> sample = generator.sampleOfEveryKind(4);
        for (TrialResourceKind kind : TrialResourceKind.values()) {
            assertTrue(sample.stream().filter(r -> r.kind() == kind).count() >= 4, kind.name());
        }
        sample.forEach(resource -> ContractChecks.check(resource, TODAY));
        assertEquals(Set.of("screening", "on-study"), sample.stream()
                .filter(r -> r.kind() == TrialResourceKind.RESEARCH_SUBJECT)
                .map(r -> r.resource().path("status").asText()).collect(java.util.stream.Collectors.toSet()));
        assertTrue(sample.stream().allMatch(r -> r.resourceType().equals(r.kind().resourceType())));
    }

    @Test
    void datesStayInThePastWithTheRealClock() {
        TrialDataGenerator now = new TrialDataGenerator(3, "clock");
        List<EnrolledSubject> enrolled = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            enrolled.add(new EnrolledSubject(now.nextSubject(), "Patient/" + i, "rs" + i));
        }
        for (int i = 0; i < 500; i++) {
            ContractChecks.check(now.nextTrialMixResource(enrolled), LocalDate.now());
        }
        assertFalse(now.lastClinicalDay().isAfter(LocalDate.now()));
    }

    private List<EnrolledSubject> enrol(int count) {
        List<EnrolledSubject> enrolled = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            enrolled.add(new EnrolledSubject(generator.nextSubject(), "Patient/" + i, "rs" + i));
        }
        return enrolled;
    }

    private static List<String> sequence(TrialDataGenerator generator) {
        List<String> json = new ArrayList<>();
        List<EnrolledSubject> enrolled = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            StudySubject subject = generator.nextSubject();
            json.add(generator.patient(subject).json());
            json.add(generator.screeningTcss(subject, "Patient/" + i).json());
            enrolled.add(new EnrolledSubject(subject, "Patient/" + i, "rs" + i));
        }
        for (int i = 0; i < 100; i++) {
            json.add(generator.nextTrialMixResource(enrolled).json());
        }
        return json;
    }
}
