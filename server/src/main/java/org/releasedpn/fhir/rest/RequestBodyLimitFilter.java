package org.releasedpn.fhir.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Reads each request body up front, at most {@code maxBytes} of it, and answers 413 beyond that.
 * HAPI has no size limit of its own and un-gzips bodies without bound, so gzip is also undone
 * here, under the same limit: a small compressed bomb is refused like a large plain body. Any
 * other Content-Encoding is refused with 415.
 */
public final class RequestBodyLimitFilter implements Filter {
    /** How much of an oversized body is read and discarded so that the client gets its 413. */
    private static final long DISCARD_LIMIT_FACTOR = 4;
    private final long maxBytes;
    private final OperationOutcomeBody outcomes;

    public RequestBodyLimitFilter(long maxBytes, OperationOutcomeBody outcomes) {
        this.maxBytes = maxBytes;
        this.outcomes = outcomes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        HttpServletResponse httpResponse = (HttpServletResponse) response;
        if (http.getContentLengthLong() > maxBytes) {
            tooLarge(http, httpResponse);
            return;
        }
        byte[] body;
        try {
            body = readAtMost(http.getInputStream(), maxBytes);
        } catch (IOException incomplete) {
            // The client stopped sending (timeout, or below the minimum data rate) or closed early.
            boolean stalled = incomplete instanceof java.io.InterruptedIOException
                    || incomplete.getCause() instanceof java.util.concurrent.TimeoutException;
            httpResponse.setHeader("Connection", "close");
            reject(httpResponse, stalled ? 408 : 400, IssueType.INCOMPLETE, stalled
                    ? "The request body stalled: it was not sent within the server's timeout"
                    : "The request body ended before its declared length: " + incomplete.getMessage());
            return;
        }
        if (body == null) {
            tooLarge(http, httpResponse);
            return;
        }
        String encoding = http.getHeader("Content-Encoding");
        boolean gzipped = "gzip".equalsIgnoreCase(encoding) || "x-gzip".equalsIgnoreCase(encoding);
        if (encoding != null && !gzipped && !"identity".equalsIgnoreCase(encoding)) {
            // Bytes in a coding the server cannot undo must not be read as if they were plain (RFC 9110, 15.5.16).
            reject(httpResponse, 415, IssueType.NOTSUPPORTED, "Unsupported Content-Encoding '" + encoding
                    + "': send the body plain or gzip-compressed");
            return;
        }
        if (gzipped && body.length > 0) {
            try {
                body = readAtMost(new GZIPInputStream(new java.io.ByteArrayInputStream(body)), maxBytes);
            } catch (ZipException | EOFException e) {
                reject(httpResponse, 400, IssueType.INVALID, "The body is declared Content-Encoding: gzip but is not "
                        + (e instanceof EOFException ? "complete gzip data (it ends early)" : "valid gzip data: " + e.getMessage()));
                return;
            }
            if (body == null) {
                tooLarge(http, httpResponse);
                return;
            }
        }
        chain.doFilter(new BufferedBodyRequest(http, body, gzipped), response);
    }

    /** The whole stream, or null when it holds more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        byte[] bytes = in.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
        return bytes.length > limit ? null : bytes;
    }

    /**
     * A client that is still sending when the server answers and closes may never read the answer;
     * so the rest of the body is read and thrown away first, up to a bound beyond which the
     * connection is closed instead.
     */
    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // A client that waits for "100 Continue" has sent nothing yet: reading would invite the body.
        boolean awaitsContinue = "100-continue".equalsIgnoreCase(request.getHeader("Expect"));
        boolean drained = !awaitsContinue && discard(request.getInputStream(), DISCARD_LIMIT_FACTOR * maxBytes);
        if (!drained) {
            response.setHeader("Connection", "close");
        }
        reject(response, 413, IssueType.TOOCOSTLY, "The request body is larger than this server accepts ("
                + maxBytes + " bytes, FHIR_MAX_REQUEST_BYTES). Split the submission, e.g. into smaller Bundles.");
    }

    /** @return true when the stream ended within {@code limit} bytes */
    private static boolean discard(InputStream in, long limit) throws IOException {
        byte[] scratch = new byte[64 * 1024];
        long read = 0;
        int n;
        while (read <= limit && (n = in.read(scratch)) >= 0) {
            read += n;
        }
        return read <= limit;
    }

    private void reject(HttpServletResponse response, int status, IssueType type, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        response.getOutputStream().write(outcomes.error(type, message));
    }
}
