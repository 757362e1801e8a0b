package org.releasedpn.fhir.rest;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/** Everything outside /fhir: a 404 OperationOutcome that says where the FHIR API is. */
public final class NotFoundServlet extends HttpServlet {
    private final transient OperationOutcomeBody outcomes;

    public NotFoundServlet(OperationOutcomeBody outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        response.getOutputStream().write(outcomes.error(IssueType.NOTFOUND,
                "No such endpoint: " + request.getRequestURI() + ". The FHIR API is under /fhir (e.g. /fhir/metadata)."));
    }
}
