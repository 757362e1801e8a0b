package org.releasedpn.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.Constants;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * An OperationOutcome for answers given outside HAPI's RestfulServer (body limits, unknown paths,
 * malformed HTTP): every error the server gives is FHIR, whichever layer gives it.
 */
public final class OperationOutcomeBody {
    public static final String CONTENT_TYPE = Constants.CT_FHIR_JSON_NEW + ";charset=utf-8";
    private final FhirContext fhirContext;

    public OperationOutcomeBody(FhirContext fhirContext) {
        this.fhirContext = fhirContext;
    }

    public byte[] error(IssueType type, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(type)
                .setDiagnostics(diagnostics);
        return fhirContext.newJsonParser().encodeResourceToString(outcome).getBytes(StandardCharsets.UTF_8);
    }

    /** The issue type that fits an HTTP status, for errors that only know their status. */
    public static IssueType issueTypeFor(int status) {
        return switch (status) {
            case 404 -> IssueType.NOTFOUND;
            case 405 -> IssueType.NOTSUPPORTED;
            case 408 -> IssueType.TIMEOUT;
            case 413 -> IssueType.TOOCOSTLY;
            case 415 -> IssueType.NOTSUPPORTED;
            case 431 -> IssueType.TOOLONG;
            default -> status >= 500 ? IssueType.EXCEPTION : IssueType.INVALID;
        };
    }
}
