package org.releasedpn.fhir.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Server processes that start together on one PostgreSQL database take turns migrating the
 * schema, installing the packages and seeding the trial: each holds a session-level advisory lock
 * meanwhile, so the second finds everything done instead of failing on a duplicate table or key. The embedded H2
 * database belongs to one process, which needs no lock.
 */
public final class StartupLock implements AutoCloseable {
    /** Any constant the application owns; "DPN" in ASCII. */
    private static final long KEY = 0x44504EL;
    private final Connection connection;

    private StartupLock(Connection connection) {
        this.connection = connection;
    }

    public static StartupLock acquire(DataSource dataSource, DatabaseDialect dialect) {
        if (dialect != DatabaseDialect.POSTGRESQL) {
            return new StartupLock(null);
        }
        try {
            Connection connection = dataSource.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(0); // waiting for another process's turn is not a slow query
                statement.execute("SELECT pg_advisory_lock(" + KEY + ")");
            }
            return new StartupLock(connection);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the start-up lock on the database: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_unlock(" + KEY + ")");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot release the start-up lock: " + e.getMessage(), e);
        }
    }
}
