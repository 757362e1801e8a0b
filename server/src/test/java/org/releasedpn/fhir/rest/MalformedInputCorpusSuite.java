package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.releasedpn.fhir.testsupport.Http.FHIR_JSON;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.rest.MalformedInputCorpus.Case;
import org.releasedpn.fhir.rest.MalformedInputCorpus.Verdict;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.RawHttp;
import org.releasedpn.fhir.testsupport.Resources;

/**
 * Every request of the malformed-input corpus ({@code hostile/corpus.json}, a few hundred hostile
 * or malformed requests) gets the answer its case names: a 4xx OperationOutcome, or for the few
 * valid ones a 2xx; never a 5xx, never a hang, never SQL, class names or a stack trace, and
 * nothing of a refused write stored. Afterwards the server still answers at once.
 */
abstract class MalformedInputCorpusSuite {
    private static final int MINIMUM_SIZE = 300;
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(15);
    private static final Duration METADATA_BOUND = Duration.ofSeconds(1);
    private static final Duration SETTLE_BOUND = Duration.ofSeconds(90);
    private static final String MARKERS = "https://example.org/fhir-it/corpus";
    /** What an answer must never show: SQL, Java class names, stack traces, the file an XXE would read. */
    private static final List<Pattern> LEAKS = List.of(
            Pattern.compile("(?i)insert into"), Pattern.compile("(?i)select "), Pattern.compile("Exception"),
            Pattern.compile("java\\."), Pattern.compile("org\\.hibernate"), Pattern.compile("ca\\.uhn"),
            Pattern.compile("org\\.hl7\\.fhir\\."), Pattern.compile("org\\.springframework"),
            Pattern.compile("org\\.eclipse\\.jetty"), Pattern.compile("com\\.fasterxml"),
            Pattern.compile("\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)"), Pattern.compile("Caused by:"),
            Pattern.compile("root:x:0:0"));

    private FhirEndpoint fhir;
    private String anchor;

    @TestFactory
    Stream<DynamicNode> everyMalformedRequestIsRefusedAndEveryValidOneServed(FhirServer server) {
        fhir = new FhirEndpoint(server);
        anchor = anchorPatient();
        URI base = server.baseUrl();
        List<Case> corpus = MalformedInputCorpus.read(new MalformedInputCorpus.Setting(
                anchor, base.getHost() + ":" + base.getPort(), base.getPath()));
        System.out.println("Malformed-input corpus: " + corpus.size() + " cases");

        Map<String, List<DynamicNode>> families = new LinkedHashMap<>();
        for (Case c : corpus) {
            families.computeIfAbsent(c.family(), family -> new ArrayList<>())
                    .add(dynamicTest(c.name(), () -> answeredAsClassified(c)));
        }
        return Stream.of(
                Stream.<DynamicNode>of(dynamicTest("the corpus holds at least " + MINIMUM_SIZE + " cases",
                        () -> assertTrue(corpus.size() >= MINIMUM_SIZE, "the corpus holds " + corpus.size() + " cases"))),
                families.entrySet().stream().<DynamicNode>map(family ->
                        dynamicContainer(family.getKey(), family.getValue().stream())),
                Stream.<DynamicNode>of(dynamicTest("afterwards /metadata answers within " + METADATA_BOUND.toMillis() + " ms",
                        this::metadataAnswersAtOnce)))
                .flatMap(nodes -> nodes);
    }

    /** The case's name leads every failure, so that a report without display names still says which case failed. */
    private void answeredAsClassified(Case c) {
        try {
            judged(c);
        } catch (AssertionError failure) {
            throw new AssertionError(c.family() + " / " + c.name() + ": " + failure.getMessage(), failure);
        }
    }

    private void judged(Case c) {
        if (c.subject() != null) {
            store("Patient/" + c.subject(), "{\"resourceType\":\"Patient\",\"id\":\"" + c.subject() + "\"}");
        }
        if (c.victim() != null) {
            assertEquals("Flag", c.victim(), "victims are Flags, a type no other test stores");
            assertEquals(201, Http.send("POST", fhir.uri("Flag"), FHIR_JSON, victimFlag(c.marker())).status(),
                    "set-up: the victim is stored");
        }

        Http.Response answer = send(c);

        for (Pattern leak : LEAKS) {
            assertFalse(leak.matcher(answer.body()).find(), () -> "the answer shows '" + leak + "': " + abbreviated(answer));
        }
        switch (c.verdict()) {
            case REFUSED -> refused(c, answer);
            case ENTRY_REFUSED -> entryRefused(c, answer);
            case REPORTED -> reported(answer);
            case SERVED -> served(c, answer);
        }
        boolean stored = c.verdict() == Verdict.SERVED && c.writes();
        for (String type : c.stores()) {
            int count = fhir.count(type + "?identifier=" + c.marker());
            assertTrue(stored ? count > 0 : count == 0, () -> (stored ? "the served write is stored as " : "nothing is stored as ")
                    + type + ", found " + count);
        }
        if (c.victim() != null) {
            assertEquals(1, fhir.count(c.victim() + "?identifier=" + c.marker()), "the victim survives");
        }
    }

    private Http.Response send(Case c) {
        if (c.raw() != null) {
            return RawHttp.exchange(fhir.base().getHost(), fhir.base().getPort(), c.raw(), ANSWER_BOUND);
        }
        URI uri = c.path().isEmpty() ? fhir.base() : fhir.uri(c.path().equals("/") ? "" : c.path());
        return Http.exchange(c.method(), uri, c.body(), ANSWER_BOUND, c.headers().toArray(String[]::new));
    }

    /** A 4xx of the case's and an OperationOutcome that reports an error. */
    private static void refused(Case c, Http.Response answer) {
        assertTrue(c.statuses().contains(answer.status()), () -> "expected " + c.statuses() + ": " + abbreviated(answer));
        assertError(operationOutcome(answer), answer);
    }

    /** A batch answers entry by entry: 200, and every entry refused with a status of the case's. */
    private static void entryRefused(Case c, Http.Response answer) {
        assertEquals(200, answer.status(), () -> "a batch-response: " + abbreviated(answer));
        Bundle response = answer.resource(Bundle.class);
        assertEquals(Bundle.BundleType.BATCHRESPONSE, response.getType(), () -> abbreviated(answer));
        assertFalse(response.getEntry().isEmpty(), () -> abbreviated(answer));
        for (Bundle.BundleEntryComponent entry : response.getEntry()) {
            String status = entry.getResponse().getStatus();
            assertTrue(c.statuses().stream().anyMatch(code -> status.startsWith(code + "")),
                    () -> "every entry refused with " + c.statuses() + ": " + abbreviated(answer));
            assertTrue(entry.getResponse().getOutcome() instanceof OperationOutcome outcome && hasError(outcome),
                    () -> "every refused entry says why: " + abbreviated(answer));
        }
    }

    /** {@code $validate} answers 200 with the errors a write of the same resource would get. */
    private static void reported(Http.Response answer) {
        assertEquals(200, answer.status(), () -> abbreviated(answer));
        assertError(operationOutcome(answer), answer);
    }

    /** A 2xx of the case's, in FHIR; an OperationOutcome or batch/transaction answer in it reports no error. */
    private static void served(Case c, Http.Response answer) {
        assertTrue(c.statuses().contains(answer.status()), () -> "expected " + c.statuses() + ": " + abbreviated(answer));
        if (answer.body().isEmpty()) {
            return;
        }
        assertTrue(answer.contentType().startsWith("application/fhir+"), () -> "a FHIR answer: " + abbreviated(answer));
        IBaseResource resource = answer.resource();
        if (resource instanceof OperationOutcome outcome) {
            assertFalse(hasError(outcome), () -> "no error: " + abbreviated(answer));
        }
        if (resource instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                assertFalse(entry.hasResponse() && !entry.getResponse().getStatus().startsWith("2"),
                        () -> "every entry served: " + abbreviated(answer));
            }
        }
    }

    private static OperationOutcome operationOutcome(Http.Response answer) {
        assertTrue(answer.contentType().startsWith("application/fhir+"), () -> "a FHIR answer: " + abbreviated(answer));
        try {
            return answer.operationOutcome();
        } catch (RuntimeException notFhir) {
            return fail("an OperationOutcome: " + abbreviated(answer), notFhir);
        }
    }

    private static void assertError(OperationOutcome outcome, Http.Response answer) {
        assertTrue(hasError(outcome), () -> "an error is reported: " + abbreviated(answer));
    }

    private static boolean hasError(OperationOutcome outcome) {
        return outcome.getIssue().stream().anyMatch(issue -> issue.getSeverity() == IssueSeverity.ERROR
                || issue.getSeverity() == IssueSeverity.FATAL);
    }

    private void metadataAnswersAtOnce() {
        try {
            long start = System.nanoTime();
            Http.Response metadata = Http.exchange("GET", fhir.uri("metadata"), null, ANSWER_BOUND);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertEquals(200, metadata.status(), metadata::toString);
            assertTrue(took.compareTo(METADATA_BOUND) < 0, "/metadata took " + took.toMillis() + " ms");
        } finally {
            awaitQuiet();
        }
    }

    /**
     * A request the client gave up on (no answer within the bound) may still be running; the suites
     * after this one, and the shared server's graceful stop, should not inherit it. Bounded.
     */
    private void awaitQuiet() {
        long deadline = System.nanoTime() + SETTLE_BOUND.toNanos();
        while (System.nanoTime() < deadline) {
            long start = System.nanoTime();
            Http.Response metadata = Http.exchange("GET", fhir.uri("metadata"), null, SETTLE_BOUND);
            if (metadata.status() == 200 && Duration.ofNanos(System.nanoTime() - start).compareTo(METADATA_BOUND) < 0) {
                return;
            }
        }
    }

    /** The stored Patient the URL cases read, update and patch. */
    private String anchorPatient() {
        String id = Resources.unique("corpus-anchor-");
        store("Patient/" + id, "{\"resourceType\":\"Patient\",\"id\":\"" + id + "\",\"active\":true}");
        return id;
    }

    private void store(String path, String json) {
        Http.Response stored = Http.send("PUT", fhir.uri(path), FHIR_JSON, json);
        assertTrue(stored.status() == 200 || stored.status() == 201, () -> "set-up: PUT " + path + ": " + stored);
    }

    /** A Flag with the case's marker, which a request that deletes more than it names would take along. */
    private String victimFlag(String marker) {
        return "{\"resourceType\":\"Flag\",\"identifier\":[{\"system\":\"" + MARKERS + "\",\"value\":\"" + marker
                + "\"}],\"status\":\"active\",\"code\":{\"text\":\"Corpus victim\"},"
                + "\"subject\":{\"reference\":\"Patient/" + anchor + "\"}}";
    }

    private static String abbreviated(Http.Response answer) {
        String text = answer.toString();
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }
}
