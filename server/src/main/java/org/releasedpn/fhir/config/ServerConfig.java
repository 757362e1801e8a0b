package org.releasedpn.fhir.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server's whole configuration, read once from environment variables and passed down.
 * Nothing else in the server reads the environment.
 *
 * @param port            FHIR_PORT: HTTP port (0 picks a free one, as the tests do)
 * @param bindAddress     FHIR_BIND_ADDRESS: interface to listen on; loopback unless someone asks
 * @param baseUrl         FHIR_BASE_URL: public base URL used in links (behind a reverse proxy);
 *                        empty means "derive it from each request"
 * @param dataDir         FHIR_DATA_DIR: where the embedded H2 database lives
 * @param database        FHIR_DB_URL / FHIR_DB_USER / FHIR_DB_PASSWORD: PostgreSQL when a URL is set
 * @param limits          FHIR_MAX_*, FHIR_QUERY_TIMEOUT_SECONDS: what one request or client may cost
 * @param guides          FHIR_PACKAGES / FHIR_PACKAGE_CACHE: other implementation guides to install
 * @param auth            FHIR_AUTH, FHIR_AUTH_ISSUER, FHIR_AUTH_AUDIENCE: OAuth 2.0 bearer tokens, or none on loopback
 * @param allowedHosts    FHIR_ALLOWED_HOSTS: other names a request may be addressed to (Host); others get 400
 * @param cors            FHIR_CORS_ORIGINS: web origins whose scripts may call the server from a browser
 * @param export          FHIR_EXPORT_RETENTION_HOURS: how long a finished $export's files are kept
 */
public record ServerConfig(
        int port,
        String bindAddress,
        Optional<String> baseUrl,
        Path dataDir,
        DatabaseSettings database,
        RequestLimitSettings limits,
        GuidePackageSettings guides,
        AuthSettings auth,
        AllowedHostSettings allowedHosts,
        CorsSettings cors,
        ExportSettings export) {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "./data";

    public static ServerConfig fromEnvironment(Map<String, String> env) {
        EnvironmentReader reader = new EnvironmentReader(env);
        Path dataDir = Path.of(reader.text("FHIR_DATA_DIR", DEFAULT_DATA_DIR)).toAbsolutePath().normalize();
        String bindAddress = reader.text("FHIR_BIND_ADDRESS", DEFAULT_BIND_ADDRESS);
        Optional<String> baseUrl = reader.optionalUrl("FHIR_BASE_URL").map(ServerConfig::withoutTrailingSlash);
        return new ServerConfig(
                reader.integer("FHIR_PORT", DEFAULT_PORT, 0, 65535),
                bindAddress,
                baseUrl,
                dataDir,
                DatabaseSettings.from(reader, dataDir),
                RequestLimitSettings.from(reader),
                GuidePackageSettings.from(reader, env),
                AuthSettings.from(reader, bindAddress, baseUrl),
                AllowedHostSettings.from(reader),
                CorsSettings.from(reader),
                ExportSettings.from(reader));
    }

    /** The effective configuration, as printed at start. Never contains the password. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_PORT", Integer.toString(port));
        shown.put("FHIR_BIND_ADDRESS", bindAddress);
        shown.put("FHIR_BASE_URL", baseUrl.orElse("(derived from each request)"));
        shown.put("FHIR_DATA_DIR", dataDir.toString());
        shown.putAll(database.describe());
        shown.putAll(limits.describe());
        shown.putAll(guides.describe());
        shown.putAll(auth.describe());
        shown.putAll(allowedHosts.describe());
        shown.putAll(cors.describe());
        shown.putAll(export.describe());
        return shown;
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, bindAddress, baseUrl, dataDir, database, limits, guides, auth, allowedHosts, cors, export);
    }

    /** Shorthand for {@code limits().maxRequestBytes()}. */
    public long maxRequestBytes() {
        return limits.maxRequestBytes();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
