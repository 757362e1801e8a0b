package org.releasedpn.fhir.study.ctgov;

import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Arrays;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.ResearchStudy;

/**
 * {@code POST [base]/ResearchStudy/$import-ctgov}: the body is a ClinicalTrials.gov API v2 study
 * record exactly as the registry serves it (application/json), not a Parameters resource; the
 * answer is the transaction-response Bundle of the stored trial. Definition:
 * {@code OperationDefinition-import-ctgov.json} beside this class.
 *
 * <p>{@code manualRequest = true} makes HAPI leave the body alone (without it HAPI would try to
 * parse it as a FHIR resource and fail on the registry's JSON), so it is read here with
 * {@link RequestDetails#loadRequestContents()}, which also undoes gzip when the server allows it.
 * A refused record is a 400 whose OperationOutcome names the registry field; what the store
 * refuses (validation, study rules) comes back exactly as the store raised it.
 */
public final class ImportCtgovOperation {

    private final CtgovStudyMapper mapper;
    private final StudyStore store;

    public ImportCtgovOperation(CtgovStudyMapper mapper, StudyStore store) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.store = Objects.requireNonNull(store, "store");
    }

    @Operation(name = "$import-ctgov", type = ResearchStudy.class, manualRequest = true, idempotent = false)
    public Bundle importCtgov(RequestDetails request) {
        Bundle transaction;
        try {
            transaction = mapper.map(body(request), request.getFhirServerBase());
        } catch (RegistryRecordException refused) {
            throw new InvalidRequestException(refused.getMessage(), outcome(refused));
        }
        return store.saveTransaction(transaction, request);
    }

    private static byte[] body(RequestDetails request) {
        byte[] body = request.loadRequestContents();
        if (Arrays.equals(body, RequestDetails.BAD_STREAM_PLACEHOLDER)) {
            // HAPI's marker for a request stream that failed while being read.
            throw new RegistryRecordException(
                    "", RegistryRecordException.Problem.UNREADABLE, "could not be read from the request");
        }
        return body;
    }

    private static OperationOutcome outcome(RegistryRecordException refused) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue()
                .setSeverity(IssueSeverity.ERROR)
                .setCode(switch (refused.problem()) {
                    case MISSING -> IssueType.REQUIRED;
                    case INVALID -> IssueType.VALUE;
                    case UNREADABLE -> IssueType.STRUCTURE;
                })
                .setDiagnostics(refused.getMessage());
        issue.getDetails().setText(refused.getMessage());
        if (!refused.field().isEmpty()) {
            // The registry path is also a valid FHIRPath-style path into the submitted JSON.
            issue.addExpression(refused.field());
        }
        return outcome;
    }
}
