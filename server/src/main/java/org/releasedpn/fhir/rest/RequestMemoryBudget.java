package org.releasedpn.fhir.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Bounds the heap that requests with a body take at once. Parsing, validating and storing a body
 * costs a multiple of its size (eight 15 MB Patients at once ran the heap out), and a transaction
 * holds every entry until it commits (about 20 KB an entry, measured with a heap histogram;
 * bench/BENCHMARKS.md). So each request takes its estimated cost, {@value #BODY_FACTOR} times its
 * body or {@value #TRANSACTION_ENTRY_BYTES} bytes per transaction entry, whichever is more, from a
 * shared budget while it is processed, and waits (at most {@link #DEFAULT_WAIT}) when the budget
 * is spent. A write that still finds no room is answered 429 with Retry-After: the client's
 * request was fine, the server is busy with large ones. Bodiless requests (reads, searches) never
 * wait. Not fair on purpose: small writes keep flowing past a large one that waits.
 */
public final class RequestMemoryBudget implements Filter {
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);
    static final int BODY_FACTOR = 8;
    static final int TRANSACTION_ENTRY_BYTES = 20 * 1024;
    private static final int UNIT = 1024; // permits are KiB, so that the budget fits an int
    private final Semaphore budget;
    private final int permitsInAll;
    private final OperationOutcomeBody outcomes;
    private final Duration wait;

    public RequestMemoryBudget(long maxBytes, OperationOutcomeBody outcomes) {
        this(maxBytes, outcomes, DEFAULT_WAIT);
    }

    RequestMemoryBudget(long maxBytes, OperationOutcomeBody outcomes, Duration wait) {
        this.wait = wait;
        this.permitsInAll = (int) Math.min(Integer.MAX_VALUE, Math.max(1, maxBytes / UNIT));
        this.budget = new Semaphore(permitsInAll);
        this.outcomes = outcomes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        int length = BufferedBodyRequest.bodyOf(request).length;
        long cost = Math.max((long) BODY_FACTOR * length,
                (long) TRANSACTION_ENTRY_BYTES * BodyStructureLimits.transactionEntriesOf(request));
        if (length == 0) {
            chain.doFilter(request, response);
            return;
        }
        // A request costing more than the whole budget takes all of it, and runs alone.
        int permits = (int) Math.min(permitsInAll, Math.max(1, (cost + UNIT - 1L) / UNIT));
        boolean admitted;
        try {
            admitted = budget.tryAcquire(permits, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            admitted = false;
        }
        if (!admitted) {
            HttpServletResponse http = (HttpServletResponse) response;
            http.setStatus(429);
            http.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
            http.setContentType(OperationOutcomeBody.CONTENT_TYPE);
            http.getOutputStream().write(outcomes.error(IssueType.THROTTLED, "The server is working on as many large "
                    + "requests as its memory takes at once (FHIR_REQUEST_MEMORY_BYTES): send this one again later"));
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            budget.release(permits);
        }
    }
}
