package org.releasedpn.fhir.persistence;

import java.time.Duration;
import javax.sql.DataSource;
import org.apache.commons.dbcp2.BasicDataSource;
import org.releasedpn.fhir.config.DatabaseSettings;

/** The JDBC connection pool (commons-dbcp2, which HAPI already depends on). */
public final class ConnectionPool {
    /** Jetty's worker threads plus HAPI's Batch2 and search threads share these connections. */
    private static final int MAX_CONNECTIONS = 20;

    private ConnectionPool() {
    }

    /**
     * The server's pool. Every statement on it is cancelled after {@code queryTimeout} (JDBC's
     * statement timeout, which both H2 and PostgreSQL honour): a search of unbounded cost ends
     * instead of holding a connection and the database's CPU (see {@link QueryTimeouts}).
     */
    public static BasicDataSource open(DatabaseSettings settings, Duration queryTimeout) {
        BasicDataSource pool = unlimited(settings);
        pool.setDefaultQueryTimeout(queryTimeout);
        return pool;
    }

    /** For schema migration only: no statement timeout, since an upgrade may index a large table. */
    public static BasicDataSource openForMigration(DatabaseSettings settings) {
        return unlimited(settings);
    }

    private static BasicDataSource unlimited(DatabaseSettings settings) {
        BasicDataSource pool = new BasicDataSource();
        pool.setDriverClassName(DatabaseDialect.of(settings).driverClass());
        pool.setUrl(settings.jdbcUrl());
        pool.setUsername(settings.user());
        pool.setPassword(settings.password());
        pool.setMaxTotal(MAX_CONNECTIONS);
        pool.setMaxIdle(MAX_CONNECTIONS);
        pool.setMaxWait(Duration.ofSeconds(30));
        return pool;
    }

    public static void close(DataSource dataSource) throws Exception {
        if (dataSource instanceof BasicDataSource pool) {
            pool.close();
        }
    }
}
