package org.releasedpn.fhir.export;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;

/**
 * The {@code Retry-After} of an export still running: HAPI always says 120 seconds, while an
 * export of a trial's data finishes within seconds (Batch2 moves it on every
 * {@link JobMaintenancePace#INTERVAL}). Clients that wait as told get their files that much sooner.
 */
public final class PollRetryAfter implements Filter {
    /** The maintenance pace and a little: the next pass has likely moved the job on. */
    static final String SECONDS = Long.toString(JobMaintenancePace.INTERVAL.toSeconds() + 1);
    private static final String HEADER = "Retry-After";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        chain.doFilter(request, new HttpServletResponseWrapper((HttpServletResponse) response) {
            @Override
            public void addHeader(String name, String value) {
                super.addHeader(name, HEADER.equalsIgnoreCase(name) ? SECONDS : value);
            }

            @Override
            public void setHeader(String name, String value) {
                super.setHeader(name, HEADER.equalsIgnoreCase(name) ? SECONDS : value);
            }
        });
    }
}
