package org.releasedpn.fhir.guides;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a conformance resource stored over REST count from the next request on, in this process
 * and in every other process on the same database. The validator caches what it has looked up
 * (also that a URL is unknown); before each request that may validate or use terminology, one
 * indexed query reads how many conformance resources are stored and when the last one changed,
 * and the caches are dropped when that differs from what the last request saw.
 */
@Interceptor
public final class ConformanceChangeWatch {
    private static final Logger log = LoggerFactory.getLogger(ConformanceChangeWatch.class);
    // Deletion also sets RES_UPDATED, so count and last change together see every create, update and delete.
    private static final String FINGERPRINT = "SELECT COUNT(*), MAX(RES_UPDATED) FROM HFJ_RESOURCE "
            + "WHERE RES_TYPE IN ('StructureDefinition', 'ValueSet', 'CodeSystem', 'NamingSystem', 'ConceptMap', 'Questionnaire')";

    private final DataSource dataSource;
    private final Runnable definitionsChanged;
    private volatile String seen;

    public ConformanceChangeWatch(DataSource dataSource, Runnable definitionsChanged) {
        this.dataSource = dataSource;
        this.definitionsChanged = definitionsChanged;
    }

    /** Plain reads use no definitions; everything else (writes, $validate, terminology) may. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -100)
    public boolean beforeRequest(RequestDetails request) {
        if (request.getRequestType() != RequestTypeEnum.GET || request.getOperation() != null) {
            refreshIfChanged();
        }
        return true;
    }

    /** @return whether the definitions had changed since the last look */
    public boolean refreshIfChanged() {
        String now = fingerprint();
        if (Objects.equals(now, seen)) {
            return false;
        }
        synchronized (this) {
            if (Objects.equals(now, seen)) {
                return false;
            }
            if (seen != null) { // the first look, at start, only records the state
                log.info("Stored conformance resources changed ({} -> {}): validator caches refreshed", seen, now);
                definitionsChanged.run();
            }
            seen = now;
        }
        return true;
    }

    private String fingerprint() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FINGERPRINT);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getLong(1) + "@" + row.getTimestamp(2);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the stored conformance resources' state: " + e.getMessage(), e);
        }
    }
}
