package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * One named lock, taken inside a database transaction and held until that transaction ends
 * (commit or rollback), in every server process on the database: for a resource that many
 * transactions change (the trial's subjects Group), so that they take turns instead of colliding
 * on its version. Taken again by the transaction that holds it, it is already held.
 * <p>
 * On PostgreSQL a transaction-level advisory lock on the transaction's own connection, which the
 * database releases at the end; on the embedded H2 database, owned by one process, a lock in
 * memory released when Spring reports the transaction's end. A transaction waits at most the
 * statement timeout (FHIR_QUERY_TIMEOUT_SECONDS), then its request gets 409.
 */
public final class TransactionLock {
    /** Namespace of these advisory locks: "DPNT" (ConditionalWriteLocks uses "DPNC"). */
    private static final int NAMESPACE = 0x44504E54;

    private final DataSource dataSource;
    private final DatabaseDialect dialect;
    private final String name;
    private final int key;
    private final Duration wait;
    private final ReentrantLock inMemory = new ReentrantLock();

    public TransactionLock(DataSource dataSource, DatabaseDialect dialect, String name, Duration wait) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.name = name;
        this.key = (int) UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        this.wait = wait;
    }

    /** Waits for the lock, which the current transaction then holds until it ends. */
    public void holdUntilTransactionEnds() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("The lock on " + name + " is only taken inside a database transaction");
        }
        if (TransactionSynchronizationManager.hasResource(this)) {
            return;
        }
        if (dialect == DatabaseDialect.POSTGRESQL) {
            advisoryLock();
        } else {
            memoryLock();
        }
        TransactionSynchronizationManager.bindResource(this, name);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(TransactionLock.this);
                if (dialect != DatabaseDialect.POSTGRESQL) {
                    inMemory.unlock();
                }
            }
        });
    }

    private void advisoryLock() {
        Connection connection = DataSourceUtils.getConnection(dataSource);
        if (!DataSourceUtils.isConnectionTransactional(connection, dataSource)) {
            DataSourceUtils.releaseConnection(connection, dataSource);
            throw new IllegalStateException("No connection of the current transaction to lock " + name + " on");
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            lock.setInt(1, NAMESPACE);
            lock.setInt(2, key);
            lock.execute(); // waits; the pool's statement timeout ends a wait that is too long
        } catch (SQLException e) {
            throw busy();
        }
    }

    private void memoryLock() {
        try {
            if (!inMemory.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private ResourceVersionConflictException busy() {
        return new ResourceVersionConflictException("Other requests have been changing " + name + " for "
                + wait.toSeconds() + " s; send this one again later");
    }
}
