package org.releasedpn.fhir.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerConfigTest {

    @Test
    void defaultsWithAnEmptyEnvironment() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of());

        assertEquals(8080, config.port());
        assertEquals("127.0.0.1", config.bindAddress());
        assertEquals(Optional.empty(), config.baseUrl());
        assertTrue(config.dataDir().isAbsolute(), config.dataDir().toString());
        assertEquals(Path.of("data").toAbsolutePath().normalize(), config.dataDir());
        assertEquals(DatabaseSettings.Kind.H2, config.database().kind());
        assertTrue(config.database().jdbcUrl().startsWith("jdbc:h2:async:" + config.dataDir().resolve("fhir")),
                config.database().jdbcUrl());
        assertEquals(16L * 1024 * 1024, config.maxRequestBytes());
        assertEquals(new RequestLimitSettings(16L * 1024 * 1024, 20_000, 5_000, 10_000, 256L * 1024 * 1024,
                java.time.Duration.ofSeconds(30), 1000, 100), config.limits());
        assertEquals(java.time.Duration.ofHours(24), config.export().fileRetention());
    }

    @Test
    void blankValuesMeanTheDefault() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("FHIR_PORT", " ", "FHIR_DB_URL", "",
                "FHIR_BASE_URL", ""));

        assertEquals(8080, config.port());
        assertEquals(DatabaseSettings.Kind.H2, config.database().kind());
        assertEquals(Optional.empty(), config.baseUrl());
    }

    @Test
    void readsEveryVariable() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.ofEntries(
                Map.entry("FHIR_PORT", "9090"),
                Map.entry("FHIR_BIND_ADDRESS", "0.0.0.0"),
                Map.entry("FHIR_BASE_URL", "https://fhir.example.org/dpn/fhir/"),
                Map.entry("FHIR_DATA_DIR", "/var/lib/dpn/../dpn-data"),
                Map.entry("FHIR_DB_URL", "jdbc:postgresql://db.example.org:5432/fhir"),
                Map.entry("FHIR_DB_USER", "fhir_app"),
                Map.entry("FHIR_DB_PASSWORD", "s3cret-Passw0rd"),
                Map.entry("FHIR_MAX_REQUEST_BYTES", "1048576"),
                Map.entry("FHIR_MAX_BUNDLE_ENTRIES", "500"),
                Map.entry("FHIR_MAX_REPETITIONS", "200"),
                Map.entry("FHIR_MAX_TRANSACTION_ENTRIES", "300"),
                Map.entry("FHIR_REQUEST_MEMORY_BYTES", "4194304"),
                Map.entry("FHIR_QUERY_TIMEOUT_SECONDS", "5"),
                Map.entry("FHIR_MAX_DELETE_MATCHES", "10"),
                Map.entry("FHIR_MAX_CONNECTIONS_PER_ADDRESS", "8"),
                Map.entry("FHIR_EXPORT_RETENTION_HOURS", "168"),
                Map.entry("FHIR_AUTH_ISSUER", "https://sso.example.org/realms/dpn"),
                Map.entry("FHIR_AUTH_AUDIENCE", "https://fhir.example.org/dpn/fhir")));

        assertEquals(9090, config.port());
        assertEquals("0.0.0.0", config.bindAddress());
        assertEquals(Optional.of("https://fhir.example.org/dpn/fhir"), config.baseUrl(), "trailing slash dropped");
        assertEquals(Path.of("/var/lib/dpn-data"), config.dataDir());
        assertEquals(DatabaseSettings.Kind.POSTGRESQL, config.database().kind());
        assertEquals("jdbc:postgresql://db.example.org:5432/fhir", config.database().jdbcUrl());
        assertEquals("fhir_app", config.database().user());
        assertEquals("s3cret-Passw0rd", config.database().password());
        assertEquals(new RequestLimitSettings(1_048_576L, 500, 300, 200, 4_194_304L, java.time.Duration.ofSeconds(5), 10, 8),
                config.limits());
        assertEquals(168, config.export().fileRetentionHours());
        assertEquals("168", config.describe().get("FHIR_EXPORT_RETENTION_HOURS"));
        assertEquals(new AuthSettings(true, Optional.of("https://sso.example.org/realms/dpn"),
                Optional.of("https://fhir.example.org/dpn/fhir"), false), config.auth());
    }

    @Test
    void postgresUserDefaultsToPostgres() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("FHIR_DB_URL", "jdbc:postgresql://localhost/fhir"));

        assertEquals("postgres", config.database().user());
        assertEquals("", config.database().password());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "FHIR_PORT              | 70000",
        "FHIR_PORT              | -1",
        "FHIR_PORT              | eighty",
        "FHIR_PORT              | 80.5",
        "FHIR_MAX_REQUEST_BYTES | lots",
        "FHIR_MAX_REQUEST_BYTES | 10",
        "FHIR_MAX_BUNDLE_ENTRIES | 0",
        "FHIR_MAX_REPETITIONS   | many",
        "FHIR_QUERY_TIMEOUT_SECONDS | 0",
        "FHIR_MAX_CONNECTIONS_PER_ADDRESS | -3",
        "FHIR_EXPORT_RETENTION_HOURS | 0",
        "FHIR_EXPORT_RETENTION_HOURS | 169",
        "FHIR_EXPORT_RETENTION_HOURS | 1.5",
        "FHIR_DB_URL            | jdbc:mysql://localhost:3306/fhir",
        "FHIR_DB_URL            | jdbc:h2:mem:fhir",
        "FHIR_BASE_URL          | ftp://fhir.example.org/fhir",
        "FHIR_BASE_URL          | fhir.example.org/fhir",
        "FHIR_BASE_URL          | http://exa mple.org/fhir",
    })
    void badValueNamesItsVariable(String variable, String value) {
        ConfigException error = assertThrows(ConfigException.class,
                () -> ServerConfig.fromEnvironment(Map.of(variable, value)));

        assertTrue(error.getMessage().startsWith(variable + " "), error.getMessage());
    }

    @Test
    void describeNeverShowsThePassword() {
        String password = "s3cret-Passw0rd";
        ServerConfig config = ServerConfig.fromEnvironment(Map.of(
                "FHIR_DB_URL", "jdbc:postgresql://localhost/fhir", "FHIR_DB_PASSWORD", password));

        Map<String, String> described = config.describe();

        assertFalse(described.toString().contains(password), described.toString());
        assertFalse(config.toString().contains(password), config.toString());
        assertEquals("(set, not shown)", described.get("FHIR_DB_PASSWORD"));
        assertEquals("jdbc:postgresql://localhost/fhir", described.get("FHIR_DB_URL"));
    }

    @Test
    void allowedHostsAreNamesWithoutSchemeOrPort() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("FHIR_ALLOWED_HOSTS", " FHIR.example.org,10.0.0.5,,[::1] "));

        assertEquals(java.util.List.of("fhir.example.org", "10.0.0.5", "[::1]"), config.allowedHosts().names());
        for (String wrong : java.util.List.of("https://fhir.example.org", "fhir.example.org:8080", "fhir.example.org/fhir", "*")) {
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> ServerConfig.fromEnvironment(Map.of("FHIR_ALLOWED_HOSTS", wrong)), wrong);
            assertTrue(refused.getMessage().startsWith("FHIR_ALLOWED_HOSTS"), refused.getMessage());
        }
    }

    @Test
    void corsOriginsAreExactOriginsOrAnExplicitStar() {
        assertFalse(ServerConfig.fromEnvironment(Map.of()).cors().enabled());
        assertEquals(java.util.List.of("https://app.example.org", "http://localhost:3000"), ServerConfig.fromEnvironment(
                Map.of("FHIR_CORS_ORIGINS", "https://app.example.org, http://localhost:3000")).cors().origins());
        assertEquals(java.util.List.of("*"), ServerConfig.fromEnvironment(Map.of("FHIR_CORS_ORIGINS", "*")).cors().origins());
        for (String wrong : java.util.List.of("https://app.example.org/", "app.example.org", "ftp://app.example.org",
                "*,https://app.example.org", "https://app.example.org/path")) {
            ConfigException refused = assertThrows(ConfigException.class,
                    () -> ServerConfig.fromEnvironment(Map.of("FHIR_CORS_ORIGINS", wrong)), wrong);
            assertTrue(refused.getMessage().startsWith("FHIR_CORS_ORIGINS"), refused.getMessage());
        }
    }

    @Test
    void describeNamesEveryVariable() {
        Map<String, String> described = ServerConfig.fromEnvironment(Map.of()).describe();

        assertEquals(java.util.Set.of("FHIR_PORT", "FHIR_BIND_ADDRESS", "FHIR_BASE_URL", "FHIR_DATA_DIR",
                "FHIR_DB_URL", "FHIR_DB_USER", "FHIR_DB_PASSWORD", "FHIR_MAX_REQUEST_BYTES", "FHIR_MAX_BUNDLE_ENTRIES",
                "FHIR_MAX_TRANSACTION_ENTRIES", "FHIR_MAX_REPETITIONS", "FHIR_REQUEST_MEMORY_BYTES", "FHIR_QUERY_TIMEOUT_SECONDS",
                "FHIR_MAX_DELETE_MATCHES", "FHIR_MAX_CONNECTIONS_PER_ADDRESS", "FHIR_PACKAGES",
                "FHIR_PACKAGE_CACHE", "FHIR_AUTH", "FHIR_AUTH_ISSUER", "FHIR_AUTH_AUDIENCE", "FHIR_ALLOWED_HOSTS",
                "FHIR_CORS_ORIGINS", "FHIR_EXPORT_RETENTION_HOURS"), described.keySet());
        assertEquals("8080", described.get("FHIR_PORT"));
    }

    @Test
    void guidePackagesAreAListAndTheCacheDefaultsToTheUsersFhirPackages() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("HOME", "/home/ops",
                "FHIR_PACKAGES", " /opt/ig/us-core.tgz , hl7.terminology.r4#5.0.0 ,"));

        assertEquals(java.util.List.of("/opt/ig/us-core.tgz", "hl7.terminology.r4#5.0.0"), config.guides().packages());
        assertEquals(java.nio.file.Path.of("/home/ops/.fhir/packages"), config.guides().cacheDir());
        assertEquals(java.util.List.of(), ServerConfig.fromEnvironment(Map.of()).guides().packages());
    }

    @Test
    void withPortChangesOnlyThePort() {
        ServerConfig config = ServerConfig.fromEnvironment(Map.of("FHIR_MAX_REQUEST_BYTES", "2048"));

        ServerConfig moved = config.withPort(0);

        assertEquals(0, moved.port());
        assertEquals(config.dataDir(), moved.dataDir());
        assertEquals(config.database(), moved.database());
        assertEquals(2048L, moved.maxRequestBytes());
    }
}
