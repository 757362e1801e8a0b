package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.jpa.migrate.HapiMigrator;
import ca.uhn.fhir.jpa.migrate.MigrationResult;
import ca.uhn.fhir.jpa.migrate.tasks.HapiFhirJpaMigrationTasks;
import ca.uhn.fhir.util.VersionEnum;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the schema with HAPI's own migration tasks, so that a later HAPI upgrade
 * brings its schema changes with it instead of needing a hand-made script. Hibernate never
 * touches the schema itself.
 */
public final class SchemaMigration {
    /** HAPI's name for its migration history table (not Flyway, despite the name). */
    static final String MIGRATION_TABLE = "FLY_HFJ_MIGRATION";
    private static final Logger log = LoggerFactory.getLogger(SchemaMigration.class);

    private SchemaMigration() {
    }

    public static void migrate(DataSource dataSource, DatabaseDialect dialect) {
        HapiMigrator migrator = new HapiMigrator(MIGRATION_TABLE, dataSource, dialect.migrationDriver());
        migrator.createMigrationTableIfRequired();
        migrator.addTasks(new HapiFhirJpaMigrationTasks(Set.of()).getAllTasks(VersionEnum.values()));
        MigrationResult result = migrator.migrate();
        if (!result.succeededTasks.isEmpty() || !result.failedTasks.isEmpty()) {
            log.info("Schema migration: {} tasks applied, {} failed", result.succeededTasks.size(),
                    result.failedTasks.size());
        }
        if (!result.failedTasks.isEmpty()) {
            throw new IllegalStateException("Schema migration failed: " + result.failedTasks);
        }
    }
}
