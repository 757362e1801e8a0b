package org.releasedpn.fhir.persistence;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 store's chunk housekeeping, which H2 itself leaves undone with WRITE_DELAY=0.
 * Each commit writes a new chunk of the file; H2's background thread would rewrite chunks that are
 * mostly dead and free them, but it only runs with a write delay, and the server commits at once
 * (a write answered 2xx must survive a kill). Without it the file grew by ~145 KB per write (21 GB
 * after 145,000 writes). So the server does the same work on a schedule: chunks less than
 * {@value #TARGET_FILL_RATE} % live are rewritten, a few MB per run, under H2's own store lock, and
 * the space of dead chunks is reused by the next commits.
 */
public final class H2Housekeeping implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);
    static final int TARGET_FILL_RATE = 50;
    private static final int MAX_BYTES_PER_RUN = 8 * 1024 * 1024;
    private static final Duration EVERY = Duration.ofSeconds(2);

    private final ScheduledExecutorService schedule;

    private H2Housekeeping(ScheduledExecutorService schedule) {
        this.schedule = schedule;
    }

    public static H2Housekeeping start(DataSource dataSource) {
        ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "h2-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        schedule.scheduleWithFixedDelay(() -> compact(dataSource), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return new H2Housekeeping(schedule);
    }

    /** One round; a failure is logged and the next round tries again. */
    static void compact(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            storeOf(connection).compact(TARGET_FILL_RATE, MAX_BYTES_PER_RUN);
        } catch (SQLException | RuntimeException e) {
            log.warn("H2 housekeeping round failed (the next one tries again): {}", e.getMessage());
        }
    }

    static MVStore storeOf(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        return session.getDatabase().getStore().getMvStore();
    }

    @Override
    public void close() throws InterruptedException {
        schedule.shutdown();
        schedule.awaitTermination(30, TimeUnit.SECONDS);
    }
}
