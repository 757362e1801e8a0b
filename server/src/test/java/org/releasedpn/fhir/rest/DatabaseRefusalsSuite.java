package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import ca.uhn.fhir.context.FhirContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Resources;

/**
 * Clients racing to create one Patient under a client-assigned id: the database lets one insert
 * through and refuses the others (a unique index on type and id), which HAPI answers 409 with the
 * driver's text in front of its own. The 409s stay; the SQL, the index names and PostgreSQL's
 * {@code Detail: Key (…)=(…)} do not reach the clients.
 */
abstract class DatabaseRefusalsSuite {
    private static final int CLIENTS = 16;
    private static final int MAX_ROUNDS = 8;
    /** What the H2 and PostgreSQL drivers and HAPI's schema write into a refusal. */
    private static final List<String> DATABASE_WORDS = List.of("insert into", "hfj_", "idx_", "constraint",
            "sql", "detail:", "key (", "org.", "duplicate key", "unique index", "could not execute");

    @Test
    void aRefusedConcurrentCreateIs409WithoutTheDatabasesText(FhirServer server) throws Exception {
        FhirEndpoint fhir = new FhirEndpoint(server);
        List<Http.Response> conflicts = new ArrayList<>();
        for (int round = 0; round < MAX_ROUNDS && conflicts.isEmpty(); round++) {
            String id = unique("race").toLowerCase(Locale.ROOT).replace('_', '-');
            List<Http.Response> answers = putAtOnce(fhir, id);
            answers.forEach(answer -> assertTrue(List.of(200, 201, 409).contains(answer.status()), answer::toString));
            for (Http.Response answer : answers) {
                if (answer.status() == 409) {
                    conflicts.add(answer);
                    OperationOutcome.OperationOutcomeIssueComponent issue = answer.operationOutcome().getIssueFirstRep();
                    assertEquals(OperationOutcome.IssueType.CONFLICT, issue.getCode(), answer::toString);
                    assertTrue(issue.getDiagnostics().contains("Patient/" + id), answer::toString);
                }
            }
        }
        assertFalse(conflicts.isEmpty(), "no client lost the race in " + MAX_ROUNDS + " rounds: nothing was tested");
        for (Http.Response conflict : conflicts) {
            String body = conflict.body().toLowerCase(Locale.ROOT);
            DATABASE_WORDS.forEach(word -> assertFalse(body.contains(word), () -> "'" + word + "' in " + conflict));
        }
    }

    /** {@value #CLIENTS} clients PUT the same new Patient/{id} at one moment. */
    private static List<Http.Response> putAtOnce(FhirEndpoint fhir, String id) {
        Patient patient = Resources.patient(unique("Race"));
        patient.setId(id);
        String json = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<Http.Response>> answers = new ArrayList<>();
            for (int client = 0; client < CLIENTS; client++) {
                answers.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Http.send("PUT", fhir.uri("Patient/" + id), FHIR_JSON, json);
                }, clients));
            }
            go.countDown();
            return answers.stream().map(CompletableFuture::join).toList();
        } finally {
            clients.shutdownNow();
        }
    }
}
