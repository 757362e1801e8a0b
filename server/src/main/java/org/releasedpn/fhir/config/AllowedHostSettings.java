package org.releasedpn.fhir.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The host names a request may be addressed to besides the server's own (FHIR_BASE_URL's host,
 * loopback, the bind address). Without FHIR_BASE_URL the server writes links (paging, Location)
 * with the host the client named: a forged {@code Host} would otherwise put another site into
 * answers that caches and clients pass on. The convention is Django's ALLOWED_HOSTS.
 *
 * @param names FHIR_ALLOWED_HOSTS: comma-separated host names or IP addresses, without scheme or port
 */
public record AllowedHostSettings(List<String> names) {
    /** A DNS name, an IPv4 address or a bracketed IPv6 address: nothing with a scheme, port or path. */
    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?|\\[[0-9a-f:.]+\\]");

    static AllowedHostSettings from(EnvironmentReader reader) {
        String value = reader.text("FHIR_ALLOWED_HOSTS", "");
        List<String> names = Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(name -> !name.isEmpty())
                .map(name -> name.toLowerCase(Locale.ROOT))
                .toList();
        for (String name : names) {
            if (!HOST_NAME.matcher(name).matches()) {
                throw new ConfigException("FHIR_ALLOWED_HOSTS", "must be comma-separated host names without scheme "
                        + "or port (e.g. fhir.example.org,fhir-internal.example.org), got '" + name + "'");
            }
        }
        return new AllowedHostSettings(names);
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_ALLOWED_HOSTS", names.isEmpty()
                ? "(none: FHIR_BASE_URL's host, loopback and the bind address only)" : String.join(",", names));
        return shown;
    }
}
