package org.releasedpn.fhir.rest;

import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.handler.CrossOriginHandler;
import org.releasedpn.fhir.config.CorsSettings;

/**
 * CORS for browser clients of FHIR_CORS_ORIGINS, with Jetty's CrossOriginHandler in front of the
 * servlet context: a preflight ({@code OPTIONS} with {@code Origin} and
 * {@code Access-Control-Request-Method}) from an allowed origin is answered there, before the
 * bearer-token filter, because browsers send no {@code Authorization} on a preflight. Requests
 * from other origins pass on without CORS headers, so the browser keeps their scripts out.
 */
public final class CrossOriginAccess {
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    /** What a FHIR client sends beyond the CORS-safelisted headers: the token, conditional and versioned writes. */
    static final Set<String> REQUEST_HEADERS = Set.of("Authorization", "Content-Type", "Accept", "Prefer",
            "If-Match", "If-None-Exist", "If-None-Match", "If-Modified-Since", "X-Request-Id");
    /** What a FHIR client reads beyond the safelisted response headers: where a write went, versions, refusals. */
    static final Set<String> RESPONSE_HEADERS = Set.of("Location", "Content-Location", "ETag", "Last-Modified",
            "WWW-Authenticate", "X-Progress", "Retry-After");
    /** Browsers cap it anyway (Chrome 2 h, Firefox 24 h); 10 minutes lets a changed setting take effect soon. */
    private static final Duration PREFLIGHT_MAX_AGE = Duration.ofMinutes(10);

    private CrossOriginAccess() {
    }

    /** {@code context} behind CORS for the configured origins; unchanged (no CORS headers) when there are none. */
    public static Handler around(Handler context, CorsSettings settings) {
        if (!settings.enabled()) {
            return context;
        }
        CrossOriginHandler cors = new CrossOriginHandler();
        // Jetty takes regular expressions; the setting holds exact origins ("*" is Jetty's "any" as well).
        cors.setAllowedOriginPatterns(settings.origins().stream()
                .map(origin -> origin.equals(CorsSettings.ANY_ORIGIN) ? origin : Pattern.quote(origin))
                .collect(Collectors.toSet()));
        cors.setAllowedMethods(METHODS);
        cors.setAllowedHeaders(REQUEST_HEADERS);
        cors.setExposedHeaders(RESPONSE_HEADERS);
        // Bearer tokens travel in a header the script sets, not in cookies: no credentialed requests,
        // so a page cannot ride on anything the browser holds for this server.
        cors.setAllowCredentials(false);
        cors.setPreflightMaxAge(PREFLIGHT_MAX_AGE);
        cors.setDeliverPreflightRequests(false);
        cors.setHandler(context);
        return cors;
    }
}
