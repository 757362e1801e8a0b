package org.releasedpn.fhir.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class QueryTimeoutsTest {

    @Test
    void recognisesTheCancelledStatementOfEitherDatabase() {
        assertTrue(QueryTimeouts.isTimeout(new RuntimeException("search failed",
                new SQLException("ERROR: canceling statement due to user request", "57014"))), "PostgreSQL");
        assertTrue(QueryTimeouts.isTimeout(new RuntimeException(
                new SQLException("Statement was canceled or the session timed out", "57014", 57014))), "H2");
    }

    @Test
    void recognisesTheMessageHapiPassesOnFromItsSearchThreads() {
        assertTrue(QueryTimeouts.isTimeout(new InternalErrorException(
                "HAPI-1163: Request timed out: ERROR: canceling statement due to user request")));
    }

    @Test
    void otherFailuresAreLeftAlone() {
        assertFalse(QueryTimeouts.isTimeout(new RuntimeException("duplicate key", new SQLException("dup", "23505"))));
        assertFalse(QueryTimeouts.isTimeout(new InternalErrorException("Failed to complete search")));
    }
}
