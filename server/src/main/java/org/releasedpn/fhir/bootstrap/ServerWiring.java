package org.releasedpn.fhir.bootstrap;

import ca.uhn.fhir.batch2.api.IJobMaintenanceService;
import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import java.time.Duration;
import org.releasedpn.fhir.export.ExportFileAccess;
import org.releasedpn.fhir.export.ExportFiles;
import org.releasedpn.fhir.export.ExpiredExports;
import org.releasedpn.fhir.export.ExportOperations;
import org.releasedpn.fhir.export.ExportKickOff;
import org.releasedpn.fhir.export.ExportSince;
import org.releasedpn.fhir.export.ExportPollOwner;
import org.releasedpn.fhir.export.JobMaintenancePace;
import org.releasedpn.fhir.export.PseudonymisedExport;
import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.api.IJobPersistence;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.config.util.ResourceCountCacheUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.ValueSetOperationProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.util.ResourceCountCache;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.HardcodedServerAddressStrategy;
import ca.uhn.fhir.rest.server.IncomingRequestAddressStrategy;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.releasedpn.fhir.audit.AuditEventsReadOnly;
import org.releasedpn.fhir.audit.AuditTrail;
import org.releasedpn.fhir.audit.AuditedInteractions;
import org.releasedpn.fhir.config.ServerConfig;
import org.releasedpn.fhir.persistence.ConditionalWriteLocks;
import org.releasedpn.fhir.persistence.ConditionalWriteRetries;
import org.releasedpn.fhir.persistence.QueryTimeouts;
import org.releasedpn.fhir.persistence.TransactionLock;
import org.releasedpn.fhir.persistence.DatabaseDialect;
import org.releasedpn.fhir.persistence.HibernateSettings;
import org.releasedpn.fhir.persistence.StorageSettingsFactory;
import org.releasedpn.fhir.rest.DatabaseTextHidden;
import org.releasedpn.fhir.pseudonymisation.Pseudonymisation;
import org.releasedpn.fhir.pseudonymisation.PseudonymisationRules;
import org.releasedpn.fhir.pseudonymisation.PseudonymisedAnswers;
import org.releasedpn.fhir.pseudonymisation.PseudonymisedViewPolicy;
import org.releasedpn.fhir.pseudonymisation.ReidentifyingSearches;
import org.releasedpn.fhir.rest.InternalNamesHidden;
import org.releasedpn.fhir.rest.UnbrandedRestfulServer;
import org.releasedpn.fhir.rest.RequestLimits;
import org.releasedpn.fhir.rest.StrictRequestBodyInterceptor;
import org.releasedpn.fhir.rest.CapabilityStatementDetails;
import org.releasedpn.fhir.security.OAuthResourceServer;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.installation.PackagedResourcesReadOnly;
import org.releasedpn.fhir.guides.ConformanceChangeWatch;
import org.releasedpn.fhir.guides.StructureDefinitionSnapshots;
import ca.uhn.fhir.jpa.config.JpaConfig;
import org.springframework.beans.factory.annotation.Qualifier;
import org.releasedpn.fhir.installation.PackageInstallation;
import org.releasedpn.fhir.study.SubjectsGroup;
import org.releasedpn.fhir.study.TrialSeed;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.AdverseEvent;
import org.hl7.fhir.r4.model.Measure;
import org.releasedpn.fhir.endpoints.EvaluateMeasureOperation;
import org.releasedpn.fhir.endpoints.TrialEndpoints;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.releasedpn.fhir.study.rules.ArmRule;
import org.releasedpn.fhir.study.rules.EligibilityRule;
import org.releasedpn.fhir.study.rules.EnrolmentRule;
import org.releasedpn.fhir.study.rules.MscAdministrationRule;
import org.releasedpn.fhir.study.rules.MscCausalityRule;
import org.releasedpn.fhir.study.rules.NoFutureDateRule;
import org.releasedpn.fhir.study.rules.OneSubjectPerStudyRule;
import org.releasedpn.fhir.study.rules.TrialRules;
import org.releasedpn.fhir.study.rules.UniqueIndexViolations;
import java.time.Clock;
import java.util.List;
import org.releasedpn.fhir.study.ctgov.CtgovStudyMapper;
import org.releasedpn.fhir.study.ctgov.ImportCtgovOperation;
import org.releasedpn.fhir.validation.EntryValidators;
import org.releasedpn.fhir.validation.ProfileValidator;
import org.releasedpn.fhir.validation.SubmissionRules;
import org.releasedpn.fhir.validation.ValidateOperationInterceptor;
import org.releasedpn.fhir.validation.TrialValidation;
import org.releasedpn.fhir.validation.WriteValidationInterceptor;
import org.releasedpn.fhir.validation.WriteRehearsal;
import org.releasedpn.fhir.validation.WriteWarnings;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.releasedpn.fhir.terminology.TerminologyOperations;
import org.releasedpn.fhir.terminology.TrialTerminology;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The composition root: every component of the server and what it depends on, in one place.
 * HAPI's own JPA configuration classes are imported by name below; everything the application
 * decides is a bean in this class. The request path is: Jetty (see {@link FhirServer}) → the
 * {@link #restfulServer RestfulServer} → its interceptors → HAPI's resource providers → DAOs → JPA.
 */
@Configuration(proxyBeanMethods = false)
@Import({
    JpaR4Config.class,            // FHIR R4 context, DAOs, resource providers, search, terminology
    HapiJpaConfig.class,          // HAPI's JPA infrastructure (schedulers, caches, search coordinator)
    JpaBatch2Config.class,        // Batch2 job persistence (reindexing after SearchParameter changes)
    Batch2JobsConfig.class,       // the Batch2 jobs themselves
    SubscriptionChannelConfig.class, // Batch2's work channels need the channel factory
    ThreadPoolFactoryConfig.class
})
public class ServerWiring {

    // ---- storage -------------------------------------------------------------------------
    // The DataSource (the pool, schema up to date) is opened and closed by FhirServer around this context.

    @Bean
    @Primary
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory, FhirContext fhirContext,
            JpaStorageSettings storageSettings, DataSource dataSource, ServerConfig config) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        factory.setPersistenceUnitName("RELEASE_DPN");
        factory.setDataSource(dataSource);
        Map<String, Object> properties = HibernateSettings.forDialect(DatabaseDialect.of(config.database()));
        factory.setJpaPropertyMap(properties);
        return factory;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    public JpaStorageSettings storageSettings(ServerConfig config) {
        return StorageSettingsFactory.create(config.limits(), config.export());
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    // ---- the trial's conformance package and validation --------------------------------

    // TrialValidation (package, terminology, warmed-up validator) is prepared in parallel with
    // this context by FhirServer and registered before refresh; these beans hand out its parts.

    @Bean
    public ConformancePackage conformancePackage(TrialValidation validation) {
        return validation.conformancePackage();
    }

    /** Validates against the package held in memory: no database round trip per validation. */
    @Bean
    public ProfileValidator profileValidator(TrialValidation validation) {
        return validation.validator();
    }

    @Bean
    public TrialTerminology trialTerminology(TrialValidation validation) {
        return validation.terminology();
    }

    /**
     * Conformance resources that clients store over REST join validation behind the packages held
     * in memory (HAPI's own lookup by canonical URL), and count from the next request on, in every
     * process on this database.
     */
    @Bean
    public ConformanceChangeWatch conformanceChangeWatch(TrialValidation validation, DataSource dataSource,
            @Qualifier(JpaConfig.JPA_VALIDATION_SUPPORT) IValidationSupport storedDefinitions) {
        validation.useStoredDefinitions(storedDefinitions);
        return new ConformanceChangeWatch(dataSource, validation::definitionsChanged);
    }

    /** The trial's write rules (contract sections 4 and 5), one class per rule key. */
    @Bean
    public SubmissionRules submissionRules(DaoRegistry daos) {
        return new TrialRules(daos, List.of(
                new ArmRule(),                      // dpn-rs-1
                new EligibilityRule(),              // dpn-rs-3
                new OneSubjectPerStudyRule(),       // dpn-rs-4
                new EnrolmentRule(),                // dpn-enrol-1
                new MscAdministrationRule(),        // dpn-enrol-2
                new NoFutureDateRule(Clock.systemUTC()), // dpn-date-1
                new MscCausalityRule()));           // dpn-ae-1
    }

    @Bean
    public PackageInstallation packageInstallation(DaoRegistry daos, ISearchParamRegistry searchParameters) {
        return new PackageInstallation(daos, searchParameters);
    }

    // ---- the trial ---------------------------------------------------------------------------

    @Bean
    public CtgovStudyMapper ctgovStudyMapper() {
        return new CtgovStudyMapper();
    }

    @Bean
    @SuppressWarnings("unchecked")
    public TrialSeed trialSeed(DaoRegistry daos, IFhirSystemDao<?, ?> systemDao, CtgovStudyMapper mapper,
                               ServerConfig config) {
        return new TrialSeed(daos.getResourceDao(ResearchStudy.class), (IFhirSystemDao<Bundle, Meta>) systemDao,
                mapper, config.baseUrl().orElse("http://localhost/fhir"));
    }

    /** Group/release-dpn-subjects, kept current on every ResearchSubject write. */
    @Bean
    public SubjectsGroup subjectsGroup(DaoRegistry daos, IInterceptorService interceptors, DataSource dataSource,
                                       ServerConfig config) {
        // Enrolments change the Group one transaction at a time, in every process on the database.
        TransactionLock turn = new TransactionLock(dataSource, DatabaseDialect.of(config.database()),
                "Group/" + SubjectsGroup.GROUP_ID, config.limits().queryTimeout());
        SubjectsGroup group = new SubjectsGroup(daos.getResourceDao(Group.class), daos.getResourceDao(ResearchSubject.class), turn);
        interceptors.registerInterceptor(group);
        return group;
    }

    @Bean
    public ServerStartup serverStartup(FhirContext fhirContext, PackageInstallation packageInstallation,
                                       TrialValidation validation, TrialSeed trialSeed, SubjectsGroup subjectsGroup,
                                       ConformanceChangeWatch conformanceChanges, DataSource dataSource,
                                       ServerConfig config) {
        return new ServerStartup(fhirContext, packageInstallation, validation.conformancePackage(), validation.guides(),
                trialSeed, subjectsGroup, conformanceChanges, dataSource, DatabaseDialect.of(config.database()));
    }

    // ---- the audit trail ---------------------------------------------------------------------

    /** AuditEvents of what clients read, write and are refused; closed (queue emptied) before the database. */
    @Bean(destroyMethod = "close")
    public AuditTrail auditTrail(DaoRegistry daos, JpaTransactionManager transactionManager,
                                 EntityManagerFactory entityManagerFactory, ServerConfig config) {
        return AuditTrail.start(daos, transactionManager, entityManagerFactory,
                config.auth().enabled() ? config.auth().issuer() : java.util.Optional.empty());
    }

    // ---- the pseudonymised view ---------------------------------------------------------------

    /** The rules file, checked against FHIR R4: a rule naming an element R4 lacks stops the start. */
    @Bean
    public Pseudonymisation pseudonymisation(FhirContext fhirContext) {
        return new Pseudonymisation(fhirContext, PseudonymisationRules.load(fhirContext));
    }

    @Bean
    public PseudonymisedViewPolicy pseudonymisedViewPolicy(ServerConfig config) {
        return new PseudonymisedViewPolicy(config.auth().enabled());
    }

    // ---- Bulk Data export ------------------------------------------------------------------

    /** Set while the context is built, before HAPI's scheduler starts at its refresh. */
    @Bean
    public Duration jobMaintenanceInterval(IJobMaintenanceService maintenance) {
        JobMaintenancePace.apply(maintenance);
        return JobMaintenancePace.INTERVAL;
    }

    /**
     * HAPI's $export provider (its collaborators are injected into its fields, as for HAPI's own
     * bean), answering DELETE on a finished export by removing the export's files.
     */
    @Bean
    public ExportOperations exportOperations(IJobCoordinator jobs, ExportFiles exportFiles, FhirContext fhirContext) {
        return new ExportOperations(jobs, exportFiles, fhirContext);
    }

    /** Removes an export's files and job for good: on the client's DELETE, and once expired. */
    @Bean
    public ExportFiles exportFiles(DaoRegistry daos, IJobPersistence jobPersistence) {
        return new ExportFiles(daos.getResourceDao(Binary.class), jobPersistence);
    }

    /** Every few minutes on HAPI's scheduler: exports older than FHIR_EXPORT_RETENTION_HOURS are removed. */
    @Bean
    public ExpiredExports expiredExports(IJobPersistence jobPersistence, ExportFiles exportFiles,
                                         JpaTransactionManager transactionManager, ServerConfig config) {
        return new ExpiredExports(jobPersistence, exportFiles, new TransactionTemplate(transactionManager),
                config.export().fileRetention(), Clock.systemUTC());
    }

    // ---- the trial's endpoint reports -------------------------------------------------------

    /** {@code Measure/[id]/$evaluate-measure} for the endpoint Measures of the trial's package. */
    @Bean
    public EvaluateMeasureOperation evaluateMeasureOperation(DaoRegistry daos, EntityManagerFactory entityManagerFactory,
                                                             PartitionSettings partitionSettings,
                                                             JpaStorageSettings storageSettings) {
        int startOfTime = Integer.parseInt(storageSettings.getPeriodIndexStartOfTime().getValueAsString().replace("-", ""));
        return new EvaluateMeasureOperation(daos.getResourceDao(Measure.class), daos.getResourceDao(ResearchStudy.class),
                daos.getResourceDao(AdverseEvent.class), entityManagerFactory, partitionSettings, startOfTime,
                TrialSeed.STUDY_ID, TrialEndpoints.ofTheContract(), Clock.systemUTC());
    }

    // ---- REST ----------------------------------------------------------------------------

    @Bean(name = "myResourceCountsCache")
    public ResourceCountCache resourceCountsCache(IFhirSystemDao<?, ?> systemDao) {
        return ResourceCountCacheUtil.newResourceCountCache(systemDao);
    }

    @Bean
    public RestfulServer restfulServer(
            ServerConfig config,
            FhirContext fhirContext,
            ResourceProviderFactory resourceProviders,
            IJpaSystemProvider systemProvider,
            IFhirSystemDao<?, ?> systemDao,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            DatabaseBackedPagingProvider pagingProvider,
            ValueSetOperationProvider valueSetOperations,
            IInterceptorService interceptors,
            DaoRegistry daos,
            JpaTransactionManager transactionManager,
            ProfileValidator profileValidator,
            SubmissionRules submissionRules,
            CtgovStudyMapper ctgovStudyMapper,
            TrialValidation validation,
            ConformanceChangeWatch conformanceChanges,
            AuditTrail auditTrail,
            Pseudonymisation pseudonymisation,
            PseudonymisedViewPolicy viewPolicy,
            ExportOperations bulkExport,
            IJobCoordinator jobs,
            EvaluateMeasureOperation evaluateMeasure,
            DataSource dataSource) {
        // HAPI reads bodies leniently, and the strict reading (StrictRequestBodyInterceptor) decides
        // what is refused; an invalid code must not make HAPI refuse a whole batch for one entry.
        fhirContext.setParserErrorHandler(new LenientErrorHandler(false).setErrorOnInvalidValue(false));
        RestfulServer server = new UnbrandedRestfulServer(fhirContext);
        // One interceptor service for REST and storage hooks, so that the storage hooks below
        // (validation, read-only conformance resources) see every write, also inside Bundles.
        server.setInterceptorService(interceptors);
        server.registerProviders(resourceProviders.createProviders());
        server.registerProvider(systemProvider);
        server.registerProvider(valueSetOperations);
        // $export and $export-poll-status: HAPI's provider, whose Batch2 job (Batch2JobsConfig) writes the files.
        server.registerProvider(bulkExport);
        server.registerProvider(evaluateMeasure);
        @SuppressWarnings("unchecked")
        IFhirSystemDao<Bundle, Meta> transactions = (IFhirSystemDao<Bundle, Meta>) systemDao;
        server.registerProvider(new ImportCtgovOperation(ctgovStudyMapper,
                (transaction, request) -> transactions.transaction(request, transaction)));

        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("RELEASE-DPN FHIR server");
        server.setServerConformanceProvider(capabilities);

        // HAPI's paging provider keeps search results in the database, so paging survives restarts.
        pagingProvider.setDefaultPageSize(20);
        pagingProvider.setMaximumPageSize(StorageSettingsFactory.MAX_PAGE_SIZE);
        server.setPagingProvider(pagingProvider);
        server.setServerAddressStrategy(config.baseUrl()
                .<ca.uhn.fhir.rest.server.IServerAddressStrategy>map(HardcodedServerAddressStrategy::new)
                .orElseGet(IncomingRequestAddressStrategy::new));
        // In request order: the body is read strictly, terminology operations and $validate are
        // answered from the trial's in-memory terminology, writes are validated before storage.
        server.registerInterceptor(new RequestLimits());
        server.registerInterceptor(conformanceChanges);
        StrictRequestBodyInterceptor strictReading = new StrictRequestBodyInterceptor(fhirContext);
        server.registerInterceptor(strictReading);
        server.registerInterceptor(new TerminologyOperations(fhirContext, validation.terminology()));
        server.registerInterceptor(new ValidateOperationInterceptor(fhirContext, profileValidator,
                new WriteRehearsal(daos, transactionManager),
                (id, request) -> daos.getResourceDao(request.getResourceName())
                        .read(id.withResourceType(request.getResourceName()), request),
                body -> strictReading.strictlyUnreadable(body, EncodingEnum.detectEncoding(body))));
        server.registerInterceptor(new WriteValidationInterceptor(fhirContext, profileValidator, submissionRules,
                EntryValidators.forThisMachine()));
        server.registerInterceptor(new WriteWarnings());
        server.registerInterceptor(new PackagedResourcesReadOnly(validation.conformancePackage(), validation.guides()));
        server.registerInterceptor(new StructureDefinitionSnapshots(validation.definitions()));
        server.registerInterceptor(new UniqueIndexViolations(fhirContext));
        server.registerInterceptor(new ConditionalWriteLocks(dataSource, DatabaseDialect.of(config.database()),
                config.limits().queryTimeout()));
        server.registerInterceptor(new ConditionalWriteRetries());
        server.registerInterceptor(new QueryTimeouts(config.limits().queryTimeout()));
        server.registerInterceptor(new DatabaseTextHidden());
        server.registerInterceptor(new InternalNamesHidden());
        server.registerInterceptor(new CapabilityStatementDetails(validation.guides()));
        server.registerInterceptor(new AuditedInteractions(fhirContext, auditTrail));
        server.registerInterceptor(new AuditEventsReadOnly());
        // After the audit trail, which records the ids of what was stored and shown.
        server.registerInterceptor(new ReidentifyingSearches(pseudonymisation.rules(), viewPolicy));
        server.registerInterceptor(new PseudonymisedAnswers(pseudonymisation, viewPolicy));
        // Bulk Data export: who asked and in which view is recorded with the job at kick-off; the
        // job writes pseudonymised files for the view; only the asking client polls and downloads.
        server.registerInterceptor(new ExportKickOff(viewPolicy, daos));
        server.registerInterceptor(new ExportSince());
        server.registerInterceptor(new PseudonymisedExport(pseudonymisation));
        server.registerInterceptor(new ExportPollOwner(jobs));
        server.registerInterceptor(new ExportFileAccess(fhirContext));
        return server;
    }

    // ---- security ------------------------------------------------------------------------

    /**
     * OAuth 2.0 bearer tokens and SMART scopes (none on loopback without FHIR_AUTH_ISSUER): its
     * interceptors join the RestfulServer here (they order themselves before the others), its
     * filter and SMART configuration are put in front of /fhir by {@link FhirServer}.
     */
    @Bean
    public OAuthResourceServer oauthResourceServer(ServerConfig config, FhirContext fhirContext, RestfulServer restfulServer) {
        OAuthResourceServer oauth = OAuthResourceServer.from(config.auth(), fhirContext);
        oauth.interceptors().forEach(restfulServer::registerInterceptor);
        return oauth;
    }
}
