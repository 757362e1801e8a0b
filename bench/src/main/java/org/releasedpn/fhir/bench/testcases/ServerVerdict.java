package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * The server's verdict for one step, read from its {@code $validate} answer ({@link #of}) or from the
 * answer to a create ({@link #ofCreate}). For {@code $validate}, an OperationOutcome with a 2xx or
 * 4xx status is a verdict (a 400 for an unparsable body is a server saying "invalid"); a 5xx, no
 * answer, or a body that is no OperationOutcome is no verdict, which never agrees.
 *
 * @param status     the HTTP status, or -1 when no response arrived
 * @param firstError the first error or fatal message, else the start of a body that was no verdict
 */
record ServerVerdict(Verdict verdict, int status, String firstError) {
    private static final int BODY_CHARS = 300;
    private static final int NOT_FOUND = 404;
    private static final int METHOD_NOT_ALLOWED = 405;

    static ServerVerdict of(int status, String body, ObjectMapper mapper) {
        if (status < 0) {
            return new ServerVerdict(Verdict.NONE, status, body);
        }
        JsonNode outcome = parse(body, mapper);
        boolean answered = status < 500 && OperationOutcomes.isOperationOutcome(outcome);
        if (!answered) {
            String first = OperationOutcomes.isOperationOutcome(outcome)
                    ? OperationOutcomes.firstError(outcome).orElse("") : "";
            return new ServerVerdict(Verdict.NONE, status, first.isEmpty() ? start(body) : first);
        }
        return new ServerVerdict(Verdict.of(OperationOutcomes.errorCount(outcome) > 0), status,
                OperationOutcomes.firstError(outcome).orElse(""));
    }

    /**
     * The verdict a create gives: stored (2xx) is valid, refused (4xx) is invalid, whatever the body;
     * a 5xx or no answer is no verdict, and so are 404 and 405, which say there is no create to ask
     * (no endpoint for the type), not that the resource is wrong. The first error comes from the
     * OperationOutcome a refusal carries, else from the start of the body.
     */
    static ServerVerdict ofCreate(int status, String body, ObjectMapper mapper) {
        if (status < 0) {
            return new ServerVerdict(Verdict.NONE, status, body);
        }
        JsonNode outcome = parse(body, mapper);
        String first = OperationOutcomes.isOperationOutcome(outcome) ? OperationOutcomes.firstError(outcome).orElse("") : "";
        if (status >= 200 && status < 300) {
            return new ServerVerdict(Verdict.VALID, status, first);
        }
        boolean refused = status >= 400 && status < 500 && status != NOT_FOUND && status != METHOD_NOT_ALLOWED;
        if (first.isEmpty()) {
            first = start(body);
        }
        return new ServerVerdict(refused ? Verdict.INVALID : Verdict.NONE, status, first);
    }

    private static JsonNode parse(String body, ObjectMapper mapper) {
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String start(String body) {
        String flat = body.replaceAll("\\s+", " ").trim();
        return flat.length() > BODY_CHARS ? flat.substring(0, BODY_CHARS) + "…" : flat;
    }
}
