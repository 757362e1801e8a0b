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

/** A request whose body has already been read (and un-gzipped) by {@link RequestBodyLimitFilter}. */
final class BufferedBodyRequest extends HttpServletRequestWrapper {
    private static final String CONTENT_ENCODING = "Content-Encoding";
    private final byte[] body;
    private final boolean decoded;

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
