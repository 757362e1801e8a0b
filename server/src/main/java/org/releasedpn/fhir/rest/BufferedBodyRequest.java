package org.releasedpn.fhir.rest;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A request whose body has already been read (and un-gzipped) by {@link RequestBodyLimitFilter}. */
final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private static final String CONTENT_ENCODING = "Content-Encoding";
    private final byte[] body;
    private final boolean decoded;
    /** The parameters of a form-encoded search, read from the body once (HAPI asks many times). */
    private Map<String, String[]> formParameters;

    BufferedBodyRequest(HttpServletRequest request, byte[] body, boolean decoded) {
        super(request);
        this.body = body;
        this.decoded = decoded;
    }

    /**
     * The body of a request that RequestBodyLimitFilter has buffered (also under other wrappers),
     * without copying it; the filters behind it read it from here instead of from a stream.
     */
    static byte[] bodyOf(ServletRequest request) {
        for (ServletRequest current = request; ; current = ((ServletRequestWrapper) current).getRequest()) {
            if (current instanceof BufferedBodyRequest buffered) {
                return buffered.body;
            }
            if (!(current instanceof ServletRequestWrapper)) {
                throw new IllegalStateException("The request body was not buffered: the body filters must run "
                        + "behind RequestBodyLimitFilter (see FhirServer)");
            }
        }
    }

    /**
     * A search sent as {@code POST [type]/_search} carries its parameters as a form in the body,
     * which the container can no longer read once the body is buffered: they are read from the
     * buffer here, after those of the query string.
     */
    @Override
    public Map<String, String[]> getParameterMap() {
        String contentType = getContentType();
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || !getRequestURI().endsWith("/_search")) {
            return super.getParameterMap();
        }
        if (formParameters == null) {
            Map<String, List<String>> merged = new LinkedHashMap<>();
            addForm(merged, getQueryString());
            addForm(merged, new String(body, StandardCharsets.UTF_8));
            Map<String, String[]> parameters = new LinkedHashMap<>();
            merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
            formParameters = Collections.unmodifiableMap(parameters);
        }
        return formParameters;
    }

    @Override
    public String getParameter(String name) {
        String[] values = getParameterMap().get(name);
        return values == null || values.length == 0 ? null : values[0];
    }

    @Override
    public String[] getParameterValues(String name) {
        return getParameterMap().get(name);
    }

    @Override
    public Enumeration<String> getParameterNames() {
        return Collections.enumeration(getParameterMap().keySet());
    }

    private static void addForm(Map<String, List<String>> parameters, String form) {
        if (form == null || form.isBlank()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decoded(pair.substring(equals + 1));
            parameters.computeIfAbsent(name, any -> new ArrayList<>()).add(value);
        }
    }

    /** A malformed escape ("%zz") stays as sent: the search then fails on its value, not here. */
    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }

    @Override
    public ServletInputStream getInputStream() {
        ByteArrayInputStream in = new ByteArrayInputStream(body);
        return new ServletInputStream() {
            @Override
            public int read() {
                return in.read();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                return in.read(b, off, len);
            }

            @Override
            public boolean isFinished() {
                return in.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
                throw new IllegalStateException("The body is already buffered");
            }
        };
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public String getHeader(String name) {
        if (decoded && CONTENT_ENCODING.equalsIgnoreCase(name)) {
            return null;
        }
        if ("Content-Length".equalsIgnoreCase(name)) {
            return Integer.toString(body.length);
        }
        return super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        if (decoded && CONTENT_ENCODING.equalsIgnoreCase(name)) {
            return Collections.emptyEnumeration();
        }
        return super.getHeaders(name);
    }
}
