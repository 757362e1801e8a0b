package org.releasedpn.fhir.testsupport;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Requests the JDK client will not send (bytes a header may not hold, a body shorter than its
 * Content-Length, a request line that is no HTTP), written to a socket exactly as given. The
 * sending side is closed after the request, so a server waiting for more sees the end at once;
 * every read is bounded by the timeout.
 */
public final class RawHttp {
    private RawHttp() {
    }

    public static Http.Response exchange(String host, int port, byte[] request, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.getOutputStream().write(request);
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            return read(new BufferedInputStream(socket.getInputStream()));
        } catch (SocketTimeoutException e) {
            throw new AssertionError("No answer within " + timeout.toSeconds() + " s to the raw request", e);
        } catch (IOException e) {
            throw new AssertionError("The raw request got no HTTP answer: " + e, e);
        }
    }

    private static Http.Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (!statusLine.startsWith("HTTP/")) {
            throw new IOException("not an HTTP answer: '" + statusLine + "'");
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            int colon = header.indexOf(':');
            headers.computeIfAbsent(header.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(header.substring(colon + 1).trim());
        }
        byte[] body;
        String transferEncoding = first(headers, "Transfer-Encoding");
        String contentLength = first(headers, "Content-Length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(in);
        } else if (contentLength != null) {
            body = in.readNBytes(Integer.parseInt(contentLength));
        } else {
            body = in.readAllBytes();
        }
        return new Http.Response(status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(in); size > 0; size = chunkSize(in)) {
            body.writeBytes(in.readNBytes(size));
            line(in);
        }
        return body.toByteArray();
    }

    private static int chunkSize(InputStream in) throws IOException {
        String line = line(in);
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).trim(), 16);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.get(0);
    }

    /** One line without its CR LF; what is left at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
