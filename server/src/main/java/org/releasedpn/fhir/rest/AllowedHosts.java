package org.releasedpn.fhir.rest;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.releasedpn.fhir.config.ServerConfig;

/**
 * A request addressed to a host that is not this server's gets 400 before anything answers it.
 * Without FHIR_BASE_URL, HAPI's {@code IncomingRequestAddressStrategy} builds every link (paging,
 * {@code Location}, {@code Content-Location}, {@code fullUrl}) from {@code getRequestURL()}, whose
 * host is Jetty's server name: the {@code Host} header, or the authority of an absolute request
 * target. That server name is what is checked here, so whatever Jetty takes it from is covered;
 * forwarded headers ({@code X-Forwarded-Host}, {@code Forwarded}) are not read by Jetty (no
 * ForwardedRequestCustomizer) nor by HAPI, so they cannot reach a link.
 *
 * <p>Accepted: FHIR_BASE_URL's host, loopback names, the bind address, FHIR_ALLOWED_HOSTS, and
 * the IP address the connection came in on. The last also covers an HTTP/1.0 request without
 * {@code Host}, for which Jetty names the local address: links then point where the client
 * connected, which nobody forged.
 */
public final class AllowedHosts implements Filter {
    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "::1");
    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    /** Dotted-quad IPv4 or IPv6: strict, so that InetAddress parses it and never asks DNS. */
    private static final Pattern IP_LITERAL = Pattern.compile(OCTET + "(\\." + OCTET + "){3}|[0-9a-f]*:[0-9a-f:.]*");

    private final Set<String> names;
    private final OperationOutcomeBody outcomes;

    AllowedHosts(Set<String> names, OperationOutcomeBody outcomes) {
        this.names = Set.copyOf(names);
        this.outcomes = outcomes;
    }

    public static AllowedHosts of(ServerConfig config, OperationOutcomeBody outcomes) {
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        names.add(bare(config.bindAddress()));
        config.baseUrl().map(url -> URI.create(url).getHost()).map(AllowedHosts::bare).ifPresent(names::add);
        config.allowedHosts().names().stream().map(AllowedHosts::bare).forEach(names::add);
        return new AllowedHosts(names, outcomes);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String host = bare(request.getServerName());
        if (names.contains(host) || isLoopbackAddress(host) || arrivedAt(host, request)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(400);
        http.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        http.getOutputStream().write(outcomes.error(IssueType.INVALID, "The request is addressed to host '" + host
                + "', which is not a name of this server (links in the answer would point there). Address it to the "
                + "server's own name, or have the operator add '" + host + "' to FHIR_ALLOWED_HOSTS."));
    }

    /** The connection's own address: a client that connected to this IP named no other site. */
    private static boolean arrivedAt(String host, ServletRequest request) {
        return ipLiteral(host).flatMap(address -> ipLiteral(request.getLocalAddr()).map(address::equals)).orElse(false);
    }

    /** 127.0.0.0/8 and ::1 in any spelling; names are never looked up (no DNS query per request). */
    private static boolean isLoopbackAddress(String host) {
        return ipLiteral(host).map(InetAddress::isLoopbackAddress).orElse(false);
    }

    private static Optional<InetAddress> ipLiteral(String host) {
        if (host == null || !IP_LITERAL.matcher(bare(host)).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare(host))); // a literal: parsed, not resolved
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Lower case, without IPv6 brackets and a DNS root dot: the spellings of one name compare equal. */
    private static String bare(String host) {
        String name = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
