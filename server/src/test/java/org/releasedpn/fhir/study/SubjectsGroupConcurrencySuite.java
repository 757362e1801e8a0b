package org.releasedpn.fhir.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;
import org.releasedpn.fhir.testsupport.TrialExamples;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * Sixteen sites enrol sixteen patients at the same moment: every ResearchSubject write changes
 * the one {@code Group/release-dpn-subjects} in its own transaction. Every enrolment is stored
 * (201) and the Group holds every one of them, however the writes interleave (through two server
 * processes on PostgreSQL).
 */
abstract class SubjectsGroupConcurrencySuite {
    static final int ENROLMENTS = 16;

    /** The servers the sites write to, in turn. */
    abstract List<FhirEndpoint> servers();

    @Test
    void concurrentEnrolmentsAreAllStoredAndAllInTheGroup() throws Exception {
        List<FhirEndpoint> servers = servers();
        String run = Resources.unique("grp");
        List<String> patients = IntStream.range(0, ENROLMENTS).mapToObj(i -> run + "-" + i).toList();
        TrialSubjects trial = new TrialSubjects(servers.get(0));
        patients.forEach(patient -> trial.patient(patient, TrialSubjects.ADULT_BIRTH_DATE));

        List<Http.Response> answers = enrolAtOnce(servers, patients);

        List<String> members = members(servers.get(0));
        assertTrue(answers.stream().allMatch(answer -> answer.status() == 201), answers::toString);
        for (String patient : patients) {
            assertTrue(members.contains("Patient/" + patient), () -> patient + " not in " + members);
        }
        assertEquals(members.size(), members.stream().distinct().count(), members::toString);
    }

    @Test
    void aTransactionEnrollingSeveralPatientsWritesTheGroupOnce() {
        FhirEndpoint server = servers().get(0);
        String run = Resources.unique("grp-tx");
        List<String> patients = IntStream.range(0, 3).mapToObj(i -> run + "-" + i).toList();
        TrialSubjects trial = new TrialSubjects(server);
        patients.forEach(patient -> trial.patient(patient, TrialSubjects.ADULT_BIRTH_DATE));
        long before = groupVersion(server);
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (String patient : patients) {
            ResearchSubject subject = TrialSubjects.screeningSubject(patient);
            transaction.addEntry().setResource(subject).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl("ResearchSubject/" + subject.getIdElement().getIdPart());
        }

        Http.Response answer = Http.send("POST", server.base(), FHIR_JSON, TrialExamples.json(transaction));

        assertEquals(200, answer.status(), answer::toString);
        assertEquals(before + 1, groupVersion(server), "one Group version for the three enrolments");
        assertTrue(members(server).containsAll(patients.stream().map(p -> "Patient/" + p).toList()));
    }

    private static long groupVersion(FhirEndpoint server) {
        return Long.parseLong(Http.get(server.uri("Group/" + SubjectsGroup.GROUP_ID)).resource(Group.class)
                .getMeta().getVersionId());
    }

    /** PUT each patient's screening ResearchSubject, all released together, spread over the servers. */
    private static List<Http.Response> enrolAtOnce(List<FhirEndpoint> servers, List<String> patients) {
        ExecutorService sites = Executors.newFixedThreadPool(patients.size());
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
            for (int i = 0; i < patients.size(); i++) {
                FhirEndpoint server = servers.get(i % servers.size());
                ResearchSubject subject = TrialSubjects.screeningSubject(patients.get(i));
                String path = "ResearchSubject/" + subject.getIdElement().getIdPart();
                answers.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return Http.send("PUT", server.uri(path), FHIR_JSON, TrialExamples.json(subject));
                }, sites));
            }
            go.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            sites.shutdownNow();
        }
    }

    private static List<String> members(FhirEndpoint server) {
        Group group = Http.get(server.uri("Group/" + SubjectsGroup.GROUP_ID)).resource(Group.class);
        assertEquals(group.getMember().size(), group.getQuantity(), "quantity");
        return group.getMember().stream().map(member -> member.getEntity().getReference()).toList();
    }

    private static void awaitQuietly(CountDownLatch go) {
        try {
            go.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
