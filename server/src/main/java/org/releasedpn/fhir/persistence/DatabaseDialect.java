package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.jpa.migrate.DriverTypeEnum;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect;
import org.releasedpn.fhir.config.DatabaseSettings;

/**
 * What HAPI needs to know about each database we support: its JDBC driver, its Hibernate dialect
 * (mandatory: without HAPI's own dialect PostgreSQL fails on LOB types) and its migration driver type.
 */
public enum DatabaseDialect {
    H2("org.h2.Driver", HapiFhirH2Dialect.class.getName(), DriverTypeEnum.H2_EMBEDDED),
    POSTGRESQL("org.postgresql.Driver", HapiFhirPostgresDialect.class.getName(), DriverTypeEnum.POSTGRES_9_4);

    private final String driverClass;
    private final String hibernateDialect;
    private final DriverTypeEnum migrationDriver;

    DatabaseDialect(String driverClass, String hibernateDialect, DriverTypeEnum migrationDriver) {
        this.driverClass = driverClass;
        this.hibernateDialect = hibernateDialect;
        this.migrationDriver = migrationDriver;
    }

    public static DatabaseDialect of(DatabaseSettings settings) {
        return settings.kind() == DatabaseSettings.Kind.H2 ? H2 : POSTGRESQL;
    }

    public String driverClass() {
        return driverClass;
    }

    public String hibernateDialect() {
        return hibernateDialect;
    }

    public DriverTypeEnum migrationDriver() {
        return migrationDriver;
    }
}
