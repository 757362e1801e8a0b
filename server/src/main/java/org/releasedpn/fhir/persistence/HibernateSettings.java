package org.releasedpn.fhir.persistence;

import java.util.HashMap;
import java.util.Map;

/** Hibernate properties for HAPI's persistence unit. */
public final class HibernateSettings {
    private HibernateSettings() {
    }

    public static Map<String, Object> forDialect(DatabaseDialect dialect) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("hibernate.dialect", dialect.hibernateDialect());
        // The schema belongs to HAPI's migrator (SchemaMigration), never to Hibernate.
        properties.put("hibernate.hbm2ddl.auto", "none");
        // No full-text index: _content/_text searches are not offered, start-up and writes are lighter.
        properties.put("hibernate.search.enabled", "false");
        properties.put("hibernate.jdbc.batch_size", "30");
        properties.put("hibernate.order_inserts", "true");
        properties.put("hibernate.order_updates", "true");
        properties.put("hibernate.cache.use_query_cache", "false");
        properties.put("hibernate.cache.use_second_level_cache", "false");
        properties.put("hibernate.archive.scanner", "org.hibernate.boot.archive.scan.internal.DisabledScanner");
        return properties;
    }
}
