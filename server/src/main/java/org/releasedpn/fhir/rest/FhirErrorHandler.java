package org.releasedpn.fhir.rest;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own errors (a malformed request line, headers too large, a path outside /fhir) answered
 * as OperationOutcomes instead of Jetty's HTML pages.
 */
public final class FhirErrorHandler extends ErrorHandler {
    private final OperationOutcomeBody outcomes;

    public FhirErrorHandler(OperationOutcomeBody outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message,
                                    Throwable cause, Callback callback) throws IOException {
        String text = message == null || message.isBlank() ? "HTTP " + code : message;
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, OperationOutcomeBody.CONTENT_TYPE);
        response.write(true, ByteBuffer.wrap(outcomes.error(OperationOutcomeBody.issueTypeFor(code), text)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, org.eclipse.jetty.http.HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, OperationOutcomeBody.CONTENT_TYPE);
        String text = "Malformed HTTP request: " + (reason == null ? "HTTP " + status : reason);
        return ByteBuffer.wrap(outcomes.error(OperationOutcomeBody.issueTypeFor(status), text));
    }
}
