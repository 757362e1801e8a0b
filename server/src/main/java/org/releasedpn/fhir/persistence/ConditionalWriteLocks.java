package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Conditional writes of the same match URL take turns, from before HAPI looks for the match until
 * after the write is committed, in every server process on the database. HAPI alone guards a
 * conditional create with a unique row per match URL, but removes that row when the resource is
 * next updated; sixteen clients racing {@code PUT Patient?identifier=X} through two processes then
 * stored two Patients. With the turn taken first, the second request finds the first one's
 * resource and updates it (or, for {@code If-None-Exist}, answers with it).
 * <p>
 * On PostgreSQL the turn is a session-level advisory lock on a connection held for the request;
 * on the embedded H2 database, owned by one process, a lock in memory. A request waits at most the
 * statement timeout (FHIR_QUERY_TIMEOUT_SECONDS) for its turn, then gets 409.
 */
@Interceptor
public final class ConditionalWriteLocks {
    private static final String HELD = ConditionalWriteLocks.class.getName();
    /** Namespace of these advisory locks: "DPNC". */
    private static final int NAMESPACE = 0x44504E43;
    private static final int STRIPES = 1024;

    private final DataSource dataSource;
    private final DatabaseDialect dialect;
    private final Duration wait;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public ConditionalWriteLocks(DataSource dataSource, DatabaseDialect dialect, Duration wait) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.wait = wait;
        Arrays.setAll(stripes, any -> new ReentrantLock());
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void takeTurn(RequestDetails request, RestOperationTypeEnum operation) {
        TreeSet<Integer> keys = new TreeSet<>(); // in order, so that two Bundles cannot deadlock
        matchUrlsOf(request, operation).forEach(url -> keys.add(keyOf(url)));
        if (keys.isEmpty()) {
            return;
        }
        request.getUserData().put(HELD, dialect == DatabaseDialect.POSTGRESQL ? advisoryLocks(keys) : memoryLocks(keys));
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED)
    public void endTurn(RequestDetails request) {
        Object held = request.getUserData().remove(HELD);
        if (held instanceof AutoCloseable turn) {
            try {
                turn.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot release the conditional-write lock: " + e.getMessage(), e);
            }
        }
    }

    /** {@code Type?param=value&…} of each conditional create or update in the request. */
    static List<String> matchUrlsOf(RequestDetails request, RestOperationTypeEnum operation) {
        List<String> urls = new ArrayList<>();
        if (operation == RestOperationTypeEnum.CREATE && request.getHeader("If-None-Exist") != null) {
            urls.add(qualified(request.getResourceName(), request.getHeader("If-None-Exist")));
        } else if (operation == RestOperationTypeEnum.UPDATE && request.getConditionalUrl(RestOperationTypeEnum.UPDATE) != null) {
            urls.add(qualified(request.getResourceName(), request.getConditionalUrl(RestOperationTypeEnum.UPDATE)));
        } else if (operation == RestOperationTypeEnum.TRANSACTION && request.getResource() instanceof Bundle bundle) {
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                Bundle.BundleEntryRequestComponent call = entry.getRequest();
                if (call.getMethod() == Bundle.HTTPVerb.POST && call.hasIfNoneExist() && entry.hasResource()) {
                    urls.add(qualified(entry.getResource().fhirType(), call.getIfNoneExist()));
                } else if (call.getMethod() == Bundle.HTTPVerb.PUT && call.hasUrl() && call.getUrl().contains("?")) {
                    urls.add(qualified(call.getUrl().substring(0, call.getUrl().indexOf('?')), call.getUrl()));
                }
            }
        }
        return urls;
    }

    /** The type and the parameters in a fixed order, so that {@code a=1&b=2} and {@code b=2&a=1} take the same turn. */
    private static String qualified(String type, String url) {
        String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : url;
        return type + "?" + String.join("&", new TreeSet<>(Arrays.asList(query.split("&"))));
    }

    private static int keyOf(String matchUrl) {
        return (int) UUID.nameUUIDFromBytes(matchUrl.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
    }

    /**
     * Tries for all keys at once and, if another request holds one, gives everything back (the
     * connection too) and tries again shortly: waiting requests hold no connection, so a crowd
     * racing one URL cannot take the pool from the request whose turn it is.
     */
    private AutoCloseable advisoryLocks(TreeSet<Integer> keys) {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                Connection connection = dataSource.getConnection();
                List<Integer> taken = new ArrayList<>();
                try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
                    for (int key : keys) {
                        lock.setInt(1, NAMESPACE);
                        lock.setInt(2, key);
                        try (ResultSet got = lock.executeQuery()) {
                            if (!got.next() || !got.getBoolean(1)) {
                                break;
                            }
                        }
                        taken.add(key);
                    }
                } catch (SQLException e) {
                    unlock(connection, taken);
                    throw e;
                }
                if (taken.size() == keys.size()) {
                    return () -> unlock(connection, taken);
                }
                unlock(connection, taken);
                if (System.nanoTime() > deadline) {
                    throw busy();
                }
                Thread.sleep(ThreadLocalRandom.current().nextInt(5, 25));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot take the conditional-write lock: " + e.getMessage(), e);
        }
    }

    private static void unlock(Connection connection, List<Integer> keys) throws SQLException {
        try (connection; PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            for (int key : keys) {
                unlock.setInt(1, NAMESPACE);
                unlock.setInt(2, key);
                unlock.execute();
            }
        }
    }

    private AutoCloseable memoryLocks(TreeSet<Integer> keys) {
        TreeSet<Integer> indexes = new TreeSet<>();
        keys.forEach(key -> indexes.add(Math.floorMod(key, STRIPES)));
        List<ReentrantLock> taken = new ArrayList<>();
        Runnable release = () -> taken.forEach(ReentrantLock::unlock);
        try {
            for (int index : indexes) {
                if (!stripes[index].tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    release.run();
                    throw busy();
                }
                taken.add(stripes[index]);
            }
        } catch (InterruptedException e) {
            release.run();
            Thread.currentThread().interrupt();
            throw busy();
        }
        return release::run;
    }

    private ResourceVersionConflictException busy() {
        return new ResourceVersionConflictException("Other requests have been writing the same conditional URL for "
                + wait.toSeconds() + " s; send this one again later");
    }
}
