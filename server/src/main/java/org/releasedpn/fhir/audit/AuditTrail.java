package org.releasedpn.fhir.audit;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.Optional;
import jakarta.persistence.EntityManagerFactory;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.AuditEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.orm.jpa.SharedEntityManagerCreator;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores AuditEvents. A write's events join the database transaction of the write and are stored
 * just before it commits: both are kept, or neither (no write without its audit, also after a
 * crash). Events of reads and refusals change nothing else; they are queued and stored by one
 * writer thread within {@link #FLUSH_INTERVAL}, many per transaction, and the queue is emptied
 * when the server stops. A full queue makes requests wait rather than lose events.
 */
public final class AuditTrail implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(500);
    private static final int QUEUE_CAPACITY = 50_000;
    private static final int EVENTS_PER_TRANSACTION = 500;

    private final IFhirResourceDao<AuditEvent> dao;
    private final TransactionTemplate transactions;
    private final ReferenceTargets targets;
    private final AuditEvents events;
    private final BlockingQueue<AuditEvent> queue = new LinkedBlockingQueue<>(QUEUE_CAPACITY);
    private final Thread writer;
    private volatile boolean running = true;

    private AuditTrail(IFhirResourceDao<AuditEvent> dao, TransactionTemplate transactions, ReferenceTargets targets,
                       AuditEvents events) {
        this.dao = dao;
        this.transactions = transactions;
        this.targets = targets;
        this.events = events;
        this.writer = new Thread(this::writeQueued, "audit-writer");
        writer.setDaemon(true);
    }

    /**
     * @param issuer the OpenID issuer whose client ids and subjects the events name; none without authentication
     */
    public static AuditTrail start(DaoRegistry daos, JpaTransactionManager transactionManager,
                                   EntityManagerFactory entityManagerFactory, Optional<String> issuer) {
        AuditTrail trail = new AuditTrail(daos.getResourceDao(AuditEvent.class), new TransactionTemplate(transactionManager),
                new ReferenceTargets(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory),
                        transactionManager.getJpaDialect()),
                new AuditEvents(issuer));
        trail.writer.start();
        return trail;
    }

    AuditEvents events() {
        return events;
    }

    /**
     * Stored with the database transaction open now: committed with it, or rolled back with it. HAPI
     * may announce one write twice (its storage hooks reach this server's interceptors both as storage
     * and as REST interceptors): {@code key} names the write, and a second event for it is not built.
     */
    void withCurrentTransaction(String key, Supplier<AuditEvent> event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("An audit event of a write needs the write's transaction");
        }
        WritesOfTransaction writes = (WritesOfTransaction) TransactionSynchronizationManager.getResource(this);
        if (writes == null) {
            writes = new WritesOfTransaction();
            TransactionSynchronizationManager.bindResource(this, writes);
            TransactionSynchronizationManager.registerSynchronization(writes);
        }
        writes.events.computeIfAbsent(key, written -> event.get());
    }

    /** Stored within {@link #FLUSH_INTERVAL}, by the writer thread. */
    void soon(AuditEvent event) {
        try {
            queue.put(event);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            transactions.executeWithoutResult(status -> store(List.of(event)));
        }
    }

    /** Pending events, for the server's metrics and tests. */
    public int backlog() {
        return queue.size();
    }

    private final class WritesOfTransaction implements TransactionSynchronization {
        private final Map<String, AuditEvent> events = new LinkedHashMap<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            store(new ArrayList<>(events.values()));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(AuditTrail.this);
        }
    }

    private void store(List<AuditEvent> events) {
        TransactionDetails details = targets.pin(events);
        SystemRequestDetails request = new SystemRequestDetails();
        for (AuditEvent event : events) {
            DaoMethodOutcome stored = dao.create(event, null, true, request, details);
            log.trace("Stored {}", stored.getId());
        }
    }

    private void writeQueued() {
        List<AuditEvent> batch = new ArrayList<>();
        while (running || !queue.isEmpty()) {
            try {
                AuditEvent first = queue.poll(FLUSH_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, EVENTS_PER_TRANSACTION - 1);
                storeQueued(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    /** One transaction for the batch; if it fails, event by event, so that one bad event loses no other. */
    private void storeQueued(List<AuditEvent> batch) {
        try {
            transactions.executeWithoutResult(status -> store(batch));
        } catch (RuntimeException batchFailure) {
            for (AuditEvent event : batch) {
                try {
                    transactions.executeWithoutResult(status -> store(List.of(event)));
                } catch (RuntimeException failure) {
                    log.error("Audit event could not be stored ({} {} by {}): {}", event.getAction(),
                            event.getSubtypeFirstRep().getCode(), event.getAgentFirstRep().getWho().getDisplay(),
                            failure.toString());
                }
            }
        }
    }

    /** Stores what is queued, then stops the writer. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(60).toMillis());
        if (writer.isAlive()) {
            log.error("{} audit events were still queued after 60 s when the server stopped", queue.size());
        }
    }
}
