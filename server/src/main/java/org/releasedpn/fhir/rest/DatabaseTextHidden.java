package org.releasedpn.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * No answer carries the database's own words. When the database refuses a write (a client-assigned
 * id or a conditional create stored by a concurrent request, a version written twice, a unique
 * index of the trial's rules), HAPI answers 409, for a constraint it does not know with Spring's
 * and the JDBC driver's message: the SQL statement, table and constraint names, and on PostgreSQL
 * {@code Detail: Key (…)=(…)}, whose values can be another request's identifiers; for one it knows,
 * with its own talk of client threads. Such an answer keeps its status and gets a plain message
 * naming what conflicted, as the client sent it; the original goes to the log for the operator. Registered before
 * {@link InternalNamesHidden}, which would only take the Java class names out.
 */
@Interceptor
public final class DatabaseTextHidden {
    private static final Logger log = LoggerFactory.getLogger(DatabaseTextHidden.class);
    /**
     * What only SQL, H2, PostgreSQL, Hibernate or HAPI's schema write: statements, driver messages,
     * the schema's table and index prefixes.
     */
    static final Pattern DATABASE_TEXT = Pattern.compile("(?i)"
            + "\\binsert\\s+into\\b|\\bdelete\\s+from\\b|\\bupdate\\s+\\w+\\s+set\\b|\\bselect\\b.{0,500}?\\bfrom\\s+\\w+_"
            + "|could not execute|sql\\s*statement|sqlstate|\\bjdbc\\b"
            + "|duplicate key|violates \\S+(?: \\S+)? constraint|unique index or primary key violation"
            + "|referential integrity|constraint \\[|\\bdetail: +key \\("
            + "|\\borg\\.(?:postgresql|h2|hibernate)\\b|\\bPSQLException\\b|\\bJdbcSQL\\w*Exception\\b"
            + "|\\b(?:hfj|trm|bt2|npm|mpi)_\\w+|\\b(?:idx|fk)_\\w+", Pattern.DOTALL);
    /**
     * HAPI's own words for a unique index of its schema refusing a write (HapiFhirHibernateJpaDialect:
     * version, composite unique index, conditional create, client-assigned id): talk of "client
     * threads" and "the Upsert Existence Check", nothing a client can act on.
     */
    static final Pattern HAPI_DATABASE_REFUSAL = Pattern.compile("\\bHAPI-082[3-7]\\b");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException hideDatabaseText(RequestDetails request, Throwable exception) {
        int status = exception instanceof BaseServerResponseException answer ? answer.getStatusCode() : 500;
        // Only the answers a database refusal becomes: other 4xx (validation, parsing) quote the
        // client's own content, which may hold any words.
        if ((status != 409 && status < 500) || !fromDatabase(exception, status)) {
            return null;
        }
        String what = ConflictingResource.of(request);
        log.info("Answered {} for {} without the database's text: {}", status, what, exception.toString());
        String message = status == 409
                ? "A concurrent request wrote " + what + " first, and the database refused this one. Repeat the "
                        + "request: it will then see what the other stored."
                : "The database could not carry out the request for " + what + ". The server's log has the details.";
        BaseServerResponseException clean = BaseServerResponseException.newInstance(status, message);
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(status == 409 ? IssueType.CONFLICT : OperationOutcomeBody.issueTypeFor(status))
                .setDiagnostics(message);
        clean.setOperationOutcome(outcome);
        return clean;
    }

    /** The message, or any issue of the outcome, is in the database's words; so is any cause's, for a 500. */
    private static boolean fromDatabase(Throwable exception, int status) {
        if (exception instanceof BaseServerResponseException answer) {
            String message = String.valueOf(answer.getMessage());
            return isDatabaseText(message) || (status == 409 && HAPI_DATABASE_REFUSAL.matcher(message).find())
                    || (answer.getOperationOutcome() instanceof OperationOutcome outcome
                    && outcome.getIssue().stream().anyMatch(issue -> isDatabaseText(issue.getDiagnostics())));
        }
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (isDatabaseText(cause.getMessage())) {
                return true;
            }
        }
        return false;
    }

    static boolean isDatabaseText(String text) {
        return text != null && DATABASE_TEXT.matcher(text).find();
    }
}
