package org.releasedpn.fhir.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which web pages' scripts may call the server from a browser (CORS). None by default: without
 * CORS headers a browser keeps other sites' scripts from reading the answers.
 *
 * @param origins FHIR_CORS_ORIGINS: comma-separated exact origins ({@code https://app.example.org}, a
 *                port if not the scheme's default), or {@code *} alone for any origin
 */
public record CorsSettings(List<String> origins) {
    public static final String ANY_ORIGIN = "*";

    static CorsSettings from(EnvironmentReader reader) {
        List<String> origins = Arrays.stream(reader.text("FHIR_CORS_ORIGINS", "").split(","))
                .map(String::trim)
                .filter(origin -> !origin.isEmpty())
                .toList();
        if (origins.contains(ANY_ORIGIN) && origins.size() > 1) {
            throw new ConfigException("FHIR_CORS_ORIGINS", "is either * (any origin) or a list of origins, not both: "
                    + String.join(",", origins));
        }
        origins.stream().filter(origin -> !origin.equals(ANY_ORIGIN)).forEach(CorsSettings::check);
        return new CorsSettings(origins);
    }

    public boolean enabled() {
        return !origins.isEmpty();
    }

    /** An origin is what a browser sends in {@code Origin}: scheme, host and port, nothing else. */
    private static void check(String origin) {
        try {
            URI uri = new URI(origin);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            boolean bare = uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (http && bare) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new ConfigException("FHIR_CORS_ORIGINS", "must be comma-separated origins such as "
                + "https://app.example.org or http://localhost:3000 (scheme, host, port; no path or trailing slash), "
                + "or *, got '" + origin + "'");
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_CORS_ORIGINS", origins.isEmpty() ? "(none: no CORS headers)"
                : origins.equals(List.of(ANY_ORIGIN)) ? "* (scripts of any web page)" : String.join(",", origins));
        return shown;
    }
}
