package org.releasedpn.fhir.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * An HTTP method FHIR's RESTful API has no use for gets 405 with the methods there are and an
 * OperationOutcome (HAPI answered 501 with an empty body: the project answers client input 4xx).
 */
public final class KnownMethods implements Filter {
    private static final Set<String> FHIR_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private final OperationOutcomeBody outcomes;

    public KnownMethods(OperationOutcomeBody outcomes) {
        this.outcomes = outcomes;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = ((HttpServletRequest) request).getMethod();
        if (FHIR_METHODS.contains(method)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(405);
        http.setHeader("Allow", "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
        http.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        http.getOutputStream().write(outcomes.error(IssueType.NOTSUPPORTED, "The HTTP method " + method
                + " is not one FHIR's RESTful API uses (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS)"));
    }
}
