package org.releasedpn.fhir.audit;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Refusals that HAPI never sees go into the trail too: a request without a valid token (401), too
 * large or malformed to read (413, 415, 400), over the memory budget (429), answered by this
 * server's own interceptors ($validate, terminology operations, request limits). First in the
 * filter chain, it looks at the status once the answer is written.
 */
public final class AuditedRefusals implements Filter {
    private final AuditTrail trail;

    public AuditedRefusals(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            int status = ((HttpServletResponse) response).getStatus();
            if (status >= 400 && request.getAttribute(AuditedInteractions.REFUSAL_AUDITED) == null) {
                trail.soon(trail.events().refusal(AuditedRequest.of((HttpServletRequest) request), null, status, null));
            }
        }
    }
}
