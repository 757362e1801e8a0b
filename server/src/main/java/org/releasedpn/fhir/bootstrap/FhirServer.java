package org.releasedpn.fhir.bootstrap;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import org.releasedpn.fhir.conformance.InvalidPackageException;
import org.releasedpn.fhir.pseudonymisation.InvalidPseudonymisationRules;
import java.util.concurrent.CompletableFuture;
import org.releasedpn.fhir.validation.TrialValidation;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.releasedpn.fhir.audit.AuditTrail;
import org.releasedpn.fhir.audit.AuditedRefusals;
import org.releasedpn.fhir.config.ServerConfig;
import org.releasedpn.fhir.persistence.ConnectionPool;
import org.releasedpn.fhir.persistence.DatabaseDialect;
import org.releasedpn.fhir.persistence.H2Housekeeping;
import org.releasedpn.fhir.persistence.SchemaMigration;
import org.releasedpn.fhir.persistence.StartupLock;
import org.releasedpn.fhir.rest.AllowedHosts;
import org.releasedpn.fhir.rest.CrossOriginAccess;
import org.releasedpn.fhir.rest.RequestMemoryBudget;
import org.releasedpn.fhir.rest.BodyStructureLimits;
import org.releasedpn.fhir.rest.ConnectionsPerAddress;
import org.releasedpn.fhir.rest.FhirErrorHandler;
import org.releasedpn.fhir.rest.KnownMethods;
import org.releasedpn.fhir.rest.InvalidDateHeaders;
import org.releasedpn.fhir.rest.ReadableBodies;
import org.releasedpn.fhir.rest.StorableText;
import org.releasedpn.fhir.rest.NotFoundServlet;
import org.releasedpn.fhir.rest.OperationOutcomeBody;
import org.releasedpn.fhir.rest.RequestBodyLimitFilter;
import org.releasedpn.fhir.export.PollRetryAfter;
import org.releasedpn.fhir.security.OAuthResourceServer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * The running server: the Spring context built from {@link ServerWiring} and the embedded Jetty
 * that serves its RestfulServer at /fhir. {@link #start} and {@link #stop} are all a caller needs;
 * the tests build it exactly as {@code main} does, on port 0.
 */
public final class FhirServer implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FhirServer.class);
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** Bytes per second; an EHR's slowest link sends far more, a stalled or hostile client less. */
    private static final long MIN_BODY_RATE = 1024;
    /** A request whose body trickles in holds its thread until cut off: 200 slow uploads leave 200 threads for the rest. */
    private static final int MAX_THREADS = 400;
    private static final int MAX_CONNECTIONS = 2000;
    private static final int ACCEPT_QUEUE = 1024;

    private final ServerConfig config;
    private DataSource dataSource;
    private H2Housekeeping housekeeping;
    private AnnotationConfigApplicationContext spring;
    private Server jetty;

    public FhirServer(ServerConfig config) {
        this.config = config;
    }

    public FhirServer start() throws Exception {
        CompletableFuture<TrialValidation> validation = TrialValidation.prepareInBackground(config.guides());
        long start = System.nanoTime();
        // The pool is the server's, not Spring's: it closes after every component that uses it,
        // also when the context fails to start.
        dataSource = ConnectionPool.open(config.database(), config.limits().queryTimeout());
        spring = new AnnotationConfigApplicationContext();
        spring.registerBean(ServerConfig.class, () -> config);
        spring.registerBean(DataSource.class, () -> dataSource, definition -> definition.setDestroyMethodName(null));
        spring.registerBean(TrialValidation.class, validation::join);
        spring.register(ServerWiring.class);
        try {
            // HAPI fills some tables while its components start (e.g. HFJ_RESOURCE_TYPE): processes
            // starting together take turns through migration and wiring.
            try (StartupLock turn = StartupLock.acquire(dataSource, DatabaseDialect.of(config.database()))) {
                DataSource migrationPool = ConnectionPool.openForMigration(config.database());
                try {
                    SchemaMigration.migrate(migrationPool, DatabaseDialect.of(config.database()));
                } finally {
                    ConnectionPool.close(migrationPool);
                }
                spring.refresh();
            }
        } catch (RuntimeException e) {
            spring = null; // a context that failed to refresh has already destroyed its beans
            ConnectionPool.close(dataSource);
            dataSource = null;
            throw packageProblemIn(e).orElse(e);
        }
        log.info("Components wired (HAPI JPA, Hibernate, schema) in {} ms", (System.nanoTime() - start) / 1_000_000);
        if (DatabaseDialect.of(config.database()) == DatabaseDialect.H2) {
            housekeeping = H2Housekeeping.start(dataSource);
        }
        try {
            spring.getBean(ServerStartup.class).run();
            jetty = buildJetty(spring.getBean(RestfulServer.class), spring.getBean(FhirContext.class));
            long httpStart = System.nanoTime();
            jetty.start();
            log.info("HTTP listener and RestfulServer started in {} ms", (System.nanoTime() - httpStart) / 1_000_000);
        } catch (Exception e) {
            close();
            throw e;
        }
        return this;
    }

    private Server buildJetty(RestfulServer restfulServer, FhirContext fhirContext) {
        // Slow clients must not starve the rest: a request body arriving slower than MIN_BODY_RATE
        // is cut off (408), idle connections close after IDLE_TIMEOUT, threads are plenty for the
        // clients still sending, and connections are capped so that file descriptors last.
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 8);
        threads.setName("http");
        Server server = new Server(threads);

        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setMinRequestDataRate(MIN_BODY_RATE);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(config.bindAddress());
        connector.setPort(config.port());
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        // A burst of new connections (clients reconnecting at once) must not overflow the kernel's
        // accept queue: the default of 50 dropped connection attempts, which the other clients'
        // TCP then retried a second or two later.
        connector.setAcceptQueueSize(ACCEPT_QUEUE);
        server.addConnector(connector);
        server.addBean(new ConnectionLimit(MAX_CONNECTIONS, server));
        connector.addBean(new ConnectionsPerAddress(config.limits().maxConnectionsPerAddress()));

        OperationOutcomeBody outcomes = new OperationOutcomeBody(fhirContext);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        // Around everything under /fhir: a refusal by any filter below goes into the audit trail.
        context.addFilter(new FilterHolder(new AuditedRefusals(spring.getBean(AuditTrail.class))), "/fhir/*",
                EnumSet.of(DispatcherType.REQUEST));
        // Then, for everything served: a request addressed to another host would get links to it.
        context.addFilter(new FilterHolder(AllowedHosts.of(config, outcomes)), "/*", EnumSet.of(DispatcherType.REQUEST));
        // Then a request without a valid access token is answered before anything reads its body.
        OAuthResourceServer oauth = spring.getBean(OAuthResourceServer.class);
        context.addFilter(new FilterHolder(oauth.bearerTokens()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new KnownMethods(outcomes)), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new RequestBodyLimitFilter(config.maxRequestBytes(), outcomes)),
                "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new InvalidDateHeaders()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new StorableText(outcomes)), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new BodyStructureLimits(config.limits().maxRepetitions(),
                config.limits().maxBundleEntries(), config.limits().maxTransactionEntries(), outcomes)),
                "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new RequestMemoryBudget(config.limits().requestMemoryBytes(), outcomes)),
                "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new ReadableBodies()), "/fhir/*", EnumSet.of(DispatcherType.REQUEST));
        context.addFilter(new FilterHolder(new PollRetryAfter()), "/fhir/$export-poll-status",
                EnumSet.of(DispatcherType.REQUEST));
        ServletHolder fhir = new ServletHolder("fhir", restfulServer);
        fhir.setInitOrder(1); // initialise at start, not on the first request
        context.addServlet(fhir, "/fhir/*");
        context.addServlet(new ServletHolder("smart-configuration", oauth.smartConfiguration()),
                OAuthResourceServer.SMART_CONFIGURATION_PATH);
        context.addServlet(new ServletHolder("not-found", new NotFoundServlet(outcomes)), "/");

        // In-flight requests finish before the server stops (SIGTERM → Main's shutdown hook → stop()).
        // CORS in front of the servlet context: a browser's preflight carries no token (CrossOriginAccess).
        server.setHandler(new GracefulHandler(CrossOriginAccess.around(context, config.cors())));
        server.setStopTimeout(GRACEFUL_STOP.toMillis());
        server.setErrorHandler(new FhirErrorHandler(outcomes));
        return server;
    }

    /** An unusable FHIR package or pseudonymisation rules file, however deep in Spring's wrapping: the operator's message to see. */
    private static Optional<RuntimeException> packageProblemIn(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidPackageException || cause instanceof InvalidPseudonymisationRules) {
                return Optional.of((RuntimeException) cause);
            }
        }
        return Optional.empty();
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    }

    public URI baseUrl() {
        return URI.create("http://" + config.bindAddress() + ":" + port() + "/fhir");
    }

    public <T> T component(Class<T> type) {
        return spring.getBean(type);
    }

    /** Stops taking requests, lets running ones finish, then closes the database cleanly. */
    public void stop() throws Exception {
        try {
            if (jetty != null) {
                jetty.stop();
            }
        } finally {
            jetty = null;
            if (spring != null) {
                spring.close();
                spring = null;
            }
            if (housekeeping != null) {
                housekeeping.close();
                housekeeping = null;
            }
            if (dataSource != null) {
                ConnectionPool.close(dataSource);
                dataSource = null;
            }
        }
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
