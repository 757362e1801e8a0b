package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.i18n.HapiLocalizer;
import ca.uhn.fhir.jpa.config.HapiFhirHibernateJpaDialect;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.hibernate.exception.ConstraintViolationException;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The refusals of both databases' real drivers, taken through Hibernate's and HAPI's translation
 * as the server takes them: what reaches the client keeps the status and names the resource the
 * client wrote, never the statement, the constraint or the key values.
 */
class DatabaseTextHiddenTest {
    private static final String TABLE = " table hfj_resource_race (res_type varchar(40), fhir_id varchar(64), "
            + "constraint idx_race_type_fhir_id unique (res_type, fhir_id))";
    private static final String INSERT = "insert into hfj_resource_race (res_type, fhir_id) values ('Patient', 'p-4711')";
    private static final List<String> DATABASE_WORDS = List.of("insert into", "hfj_", "idx_", "constraint", "sql",
            "detail:", "key (", "org.", "duplicate", "unique index", "p-4711', ", "could not execute", "23505");

    private final DatabaseTextHidden hook = new DatabaseTextHidden();

    @Test
    void h2sUniqueIndexViolation() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:refusals;DB_CLOSE_DELAY=-1")) {
            assertConflictIsWorded(refusal(h2));
        }
    }

    @Test
    @EnabledIfEnvironmentVariable(named = "DPN_TEST_POSTGRES", matches = "true")
    void postgresDuplicateKeyWithItsDetail() throws Exception {
        try (Connection postgres = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "")) {
            SQLException refusal = refusal(postgres);
            assertTrue(refusal.getMessage().contains("Detail: Key (res_type, fhir_id)=(Patient, p-4711)"), refusal::getMessage);
            assertConflictIsWorded(refusal);
        }
    }

    @Test
    void hapisOwnWordsForAKnownIndexAreReplacedToo() {
        BaseServerResponseException answer = hook.hideDatabaseText(putPatient(), new ResourceVersionConflictException(
                "HAPI-0550: HAPI-0825: The operation has failed with a client-assigned ID constraint failure. This "
                        + "typically means that multiple client threads are trying to create a new resource"));

        assertEquals(409, answer.getStatusCode());
        assertTrue(answer.getMessage().contains("Patient/p-4711"), answer.getMessage());
    }

    @Test
    void aConditionalCreateNamesItsMatchUrl() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setResourceName("Patient");
        request.setRestOperationType(RestOperationTypeEnum.CREATE);
        request.addHeader("If-None-Exist", "identifier=urn:dpn|7");

        BaseServerResponseException answer = hook.hideDatabaseText(request,
                new ResourceVersionConflictException("HAPI-0550: HAPI-0824: The operation has failed with a conditional constraint failure."));

        assertTrue(answer.getMessage().contains("a Patient matching Patient?identifier=urn:dpn|7"), answer.getMessage());
    }

    @Test
    void otherClientErrorsQuotingSqlWordsAreLeftAlone() {
        // A validation message may quote a resource's text, whatever it says.
        assertNull(hook.hideDatabaseText(putPatient(),
                new UnprocessableEntityException("Patient.name.text 'insert into hfj_resource' is not allowed")));
        assertNull(hook.hideDatabaseText(putPatient(), new ResourceVersionConflictException(
                "HAPI-0989: Trying to update Patient/p-4711/_history/1 but this is not the current version")));
    }

    @Test
    void aServerErrorCausedByTheDatabaseIsWordedAndKeeps500() throws Exception {
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:refusals500;DB_CLOSE_DELAY=-1")) {
            RuntimeException failure = new IllegalStateException("write failed", refusal(h2));

            BaseServerResponseException answer = hook.hideDatabaseText(putPatient(), failure);

            assertEquals(500, answer.getStatusCode());
            assertNoDatabaseWords(answer);
        }
    }

    /** The driver's refusal of a duplicate row under a unique constraint HAPI does not know. */
    private static SQLException refusal(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // A temporary table: nothing is left behind in the shared PostgreSQL.
            String temporary = connection.getMetaData().getDatabaseProductName().equals("H2")
                    ? "create local temporary" : "create temporary";
            statement.execute(temporary + TABLE);
            statement.execute(INSERT);
            SQLException refusal = assertThrows(SQLException.class, () -> statement.execute(INSERT));
            statement.execute("drop table hfj_resource_race");
            return refusal;
        }
    }

    /** As the server meets it: Hibernate's exception, HAPI's dialect (Spring's text for an unknown constraint), a 409. */
    private void assertConflictIsWorded(SQLException refusal) {
        ConstraintViolationException hibernate = new ConstraintViolationException(
                "could not execute statement [" + refusal.getMessage() + "] [" + INSERT + "]", refusal, INSERT,
                "idx_race_type_fhir_id");
        RuntimeException translated = new HapiFhirHibernateJpaDialect(new HapiLocalizer()).translateExceptionIfPossible(hibernate);
        ResourceVersionConflictException conflict = new ResourceVersionConflictException("HAPI-0550: " + translated.getMessage());
        assertTrue(conflict.getMessage().toLowerCase(Locale.ROOT).contains("insert into"), conflict::getMessage);

        BaseServerResponseException answer = hook.hideDatabaseText(putPatient(), conflict);

        assertEquals(409, answer.getStatusCode());
        OperationOutcome outcome = (OperationOutcome) answer.getOperationOutcome();
        assertEquals(OperationOutcome.IssueType.CONFLICT, outcome.getIssueFirstRep().getCode());
        assertTrue(answer.getMessage().contains("Patient/p-4711"), answer.getMessage());
        assertNoDatabaseWords(answer);
    }

    private static void assertNoDatabaseWords(BaseServerResponseException answer) {
        String shown = (answer.getMessage() + " " + ((OperationOutcome) answer.getOperationOutcome())
                .getIssueFirstRep().getDiagnostics()).toLowerCase(Locale.ROOT);
        DATABASE_WORDS.forEach(word -> assertFalse(shown.contains(word), () -> "'" + word + "' in " + shown));
    }

    private static RequestDetails putPatient() {
        SystemRequestDetails request = new SystemRequestDetails();
        request.setResourceName("Patient");
        request.setRestOperationType(RestOperationTypeEnum.UPDATE);
        request.setId(new IdType("Patient", "p-4711"));
        return request;
    }
}
