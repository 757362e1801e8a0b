package org.releasedpn.fhir.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Who may call the server: clients with an OAuth 2.0 access token of one OpenID issuer, or, without
 * an issuer, anyone who can reach the port. The second is only allowed while the server listens on
 * a loopback address (a developer's machine), or when an operator says so with {@code FHIR_AUTH=off}.
 *
 * @param enabled             FHIR_AUTH: every request under /fhir needs a bearer token (except
 *                            /metadata and the SMART configuration); default on when an issuer is set
 * @param issuer              FHIR_AUTH_ISSUER: the OpenID issuer URL, exactly as it appears in the
 *                            tokens' {@code iss}; its discovery document names the keys and the token endpoint
 * @param audience            FHIR_AUTH_AUDIENCE: what the tokens' {@code aud} must contain; default FHIR_BASE_URL
 * @param openBeyondLoopback  no authentication although the server listens beyond loopback
 *                            (FHIR_AUTH=off): warned about at start and in the CapabilityStatement
 */
public record AuthSettings(boolean enabled, Optional<String> issuer, Optional<String> audience,
                           boolean openBeyondLoopback) {

    static AuthSettings from(EnvironmentReader reader, String bindAddress, Optional<String> baseUrl) {
        Optional<String> issuer = reader.optionalUrl("FHIR_AUTH_ISSUER").map(AuthSettings::checkedIssuer);
        Optional<String> audience = Optional.ofNullable(reader.text("FHIR_AUTH_AUDIENCE", null)).or(() -> baseUrl);
        boolean loopback = isLoopback(bindAddress);
        String switchValue = reader.text("FHIR_AUTH", "").toLowerCase(Locale.ROOT);
        boolean enabled = switch (switchValue) {
            case "on" -> {
                if (issuer.isEmpty()) {
                    throw new ConfigException("FHIR_AUTH_ISSUER", "must be set when FHIR_AUTH=on: the URL of the OpenID "
                            + "issuer whose access tokens the server accepts (e.g. https://sso.example.org/realms/dpn)");
                }
                yield true;
            }
            case "off" -> false;
            case "" -> {
                if (issuer.isEmpty() && !loopback) {
                    throw new ConfigException("FHIR_AUTH_ISSUER", "must be set when FHIR_BIND_ADDRESS is " + bindAddress
                            + " (not a loopback address): without it anyone who reaches the port could read and change "
                            + "every record. Set FHIR_AUTH_ISSUER to your OpenID issuer (e.g. "
                            + "https://sso.example.org/realms/dpn) and FHIR_AUTH_AUDIENCE (or FHIR_BASE_URL) to what its "
                            + "tokens carry in aud; or set FHIR_AUTH=off to run without authentication on purpose");
                }
                yield issuer.isPresent();
            }
            default -> throw new ConfigException("FHIR_AUTH", "must be on or off, was '" + switchValue + "'");
        };
        if (enabled && audience.isEmpty()) {
            throw new ConfigException("FHIR_AUTH_AUDIENCE", "must be set when FHIR_AUTH_ISSUER is set and FHIR_BASE_URL "
                    + "is not: the audience (aud) the identity provider writes into access tokens for this server, "
                    + "usually its public base URL");
        }
        return new AuthSettings(enabled, issuer, audience, !enabled && !loopback);
    }

    /**
     * The keys that sign tokens are fetched from the issuer: over plain HTTP anyone on the way could
     * substitute their own. Plain HTTP is accepted only on this machine (tests, a local Keycloak).
     */
    private static String checkedIssuer(String issuer) {
        URI uri = URI.create(issuer);
        if ("http".equals(uri.getScheme()) && !isLoopback(uri.getHost())) {
            throw new ConfigException("FHIR_AUTH_ISSUER", "must be an https URL (plain http only on a loopback "
                    + "address), was '" + issuer + "'");
        }
        if (uri.getQuery() != null || uri.getFragment() != null) {
            throw new ConfigException("FHIR_AUTH_ISSUER", "must not have a query or fragment, was '" + issuer + "'");
        }
        return issuer;
    }

    /** Every address the name stands for is a loopback address (a literal IP is not looked up). */
    public static boolean isLoopback(String host) {
        if (host == null || host.isBlank()) {
            return false;
        }
        try {
            String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
            InetAddress[] addresses = InetAddress.getAllByName(bare);
            return addresses.length > 0 && Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_AUTH", enabled ? "on (bearer tokens of FHIR_AUTH_ISSUER, SMART scopes)"
                : openBeyondLoopback ? "off (FHIR_AUTH=off): NO AUTHENTICATION although listening beyond loopback"
                : "off (no FHIR_AUTH_ISSUER: loopback only)");
        shown.put("FHIR_AUTH_ISSUER", issuer.orElse("(none)"));
        shown.put("FHIR_AUTH_AUDIENCE", audience.orElse("(none)"));
        return shown;
    }
}
