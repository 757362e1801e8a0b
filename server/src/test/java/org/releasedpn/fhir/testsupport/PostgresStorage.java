package org.releasedpn.fhir.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A uniquely named database on the local PostgreSQL 15 (127.0.0.1:5432, user postgres, trust
 * authentication), created before the server starts and dropped, with its connections, on close.
 */
final class PostgresStorage implements Storage {
    private static final String HOST = "jdbc:postgresql://127.0.0.1:5432/";
    private static final String USER = "postgres";

    private final String database;

    private PostgresStorage(String database) {
        this.database = database;
    }

    static PostgresStorage create() {
        String name = "dpn_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + name);
        return new PostgresStorage(name);
    }

    @Override
    public Map<String, String> environment() {
        return Map.of("FHIR_DB_URL", HOST + database, "FHIR_DB_USER", USER);
    }

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public void close() {
        execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(HOST + "postgres", USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at 127.0.0.1:5432 (user postgres) refused: " + sql
                    + " (is it running? pg_ctlcluster --skip-systemctl-redirect 15 main start)", e);
        }
    }
}
