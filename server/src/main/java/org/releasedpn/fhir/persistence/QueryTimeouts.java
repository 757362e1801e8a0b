package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A request whose database statement ran into the statement timeout (see
 * {@link ConnectionPool#open}) asked for more than the server gives one request: it is answered
 * 400 "too costly" naming the limit, instead of a 500 carrying the database's words. HAPI runs
 * searches on its own threads and passes on only the message of what failed there, so the
 * message is recognised as well as the exception.
 */
@Interceptor
public final class QueryTimeouts {
    /** SQLSTATE "query canceled", used by both PostgreSQL and H2. */
    private static final String CANCELED = "57014";
    private static final List<String> CANCELED_WORDS = List.of(
            "canceling statement due to statement timeout", // PostgreSQL
            "canceling statement due to user request",      // PostgreSQL, cancelled through JDBC's timer
            "statement was canceled or the session timed out"); // H2
    private final Duration timeout;

    public QueryTimeouts(Duration timeout) {
        this.timeout = timeout;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException asTooCostly(RequestDetails request, Throwable exception) {
        if (!isTimeout(exception)) {
            return null;
        }
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.TOOCOSTLY).setDiagnostics(
                "The request was stopped after " + timeout.toSeconds() + " s, the longest one database statement "
                        + "may run (FHIR_QUERY_TIMEOUT_SECONDS). Narrow the search: more selective parameters, fewer "
                        + "_include/_revinclude, no _total=accurate, or a smaller _count.");
        return new InvalidRequestException("Query timeout", outcome);
    }

    static boolean isTimeout(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && CANCELED.equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof jakarta.persistence.QueryTimeoutException
                    || cause instanceof org.hibernate.QueryTimeoutException) {
                return true;
            }
            String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
            if (CANCELED_WORDS.stream().anyMatch(message::contains)) {
                return true;
            }
        }
        return false;
    }
}
