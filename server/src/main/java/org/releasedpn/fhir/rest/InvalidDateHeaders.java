package org.releasedpn.fhir.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.IOException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A conditional read's {@code If-Modified-Since} that is not an HTTP date ("yesterday") is
 * ignored, as RFC 9110 (13.1.3) requires of a recipient; HAPI failed on it with a
 * NullPointerException (500).
 */
public final class InvalidDateHeaders implements Filter {
    private static final String IF_MODIFIED_SINCE = "If-Modified-Since";

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String value = http.getHeader(IF_MODIFIED_SINCE);
        chain.doFilter(value == null || isHttpDate(value) ? request : new WithoutHeader(http), response);
    }

    private static boolean isHttpDate(String value) {
        try {
            ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static final class WithoutHeader extends HttpServletRequestWrapper {
        WithoutHeader(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getHeader(String name) {
            return IF_MODIFIED_SINCE.equalsIgnoreCase(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return IF_MODIFIED_SINCE.equalsIgnoreCase(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public long getDateHeader(String name) {
            return IF_MODIFIED_SINCE.equalsIgnoreCase(name) ? -1 : super.getDateHeader(name);
        }
    }
}
