package org.releasedpn.fhir.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which database the server stores into. With no FHIR_DB_URL it is an embedded H2 file under the
 * data directory, so a first run needs no setup and data survives a restart.
 */
public record DatabaseSettings(Kind kind, String jdbcUrl, String user, String password) {

    public enum Kind { H2, POSTGRESQL }

    static DatabaseSettings from(EnvironmentReader reader, Path dataDir) {
        String url = reader.text("FHIR_DB_URL", "");
        if (url.isEmpty()) {
            // AUTO_SERVER off: one process owns the file. Lock timeout leaves room for concurrent writers.
            // WRITE_DELAY=0: a commit reaches the file before the write is answered (H2 otherwise
            // buffers commits for half a second, and a killed process lost acknowledged writes).
            // Commits are then written by the committing thread, so the file is opened through H2's
            // "async:" file system, whose channel an interrupted thread (HAPI's executors interrupt
            // theirs when they stop) does not close under the database.
            String h2Url = "jdbc:h2:async:" + dataDir.resolve("fhir") + ";LOCK_TIMEOUT=10000;WRITE_DELAY=0;RETENTION_TIME=0";
            return new DatabaseSettings(Kind.H2, h2Url, "sa", "");
        }
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("FHIR_DB_URL",
                    "must be a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db); leave it unset for the embedded H2 database");
        }
        return new DatabaseSettings(Kind.POSTGRESQL, url,
                reader.text("FHIR_DB_USER", "postgres"), reader.text("FHIR_DB_PASSWORD", ""));
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_DB_URL", kind == Kind.H2 ? "(unset: embedded H2 " + jdbcUrl + ")" : jdbcUrl);
        shown.put("FHIR_DB_USER", kind == Kind.H2 ? "(unset)" : user);
        shown.put("FHIR_DB_PASSWORD", password.isEmpty() ? "(unset)" : "(set, not shown)");
        return shown;
    }

    @Override
    public String toString() {
        return "DatabaseSettings[kind=" + kind + ", jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=***]";
    }
}
