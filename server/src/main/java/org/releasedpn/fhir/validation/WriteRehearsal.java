package org.releasedpn.fhir.validation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code $validate} in mode create or update answers exactly what the write would: the write
 * itself is run, in a database transaction that is always rolled back, so that HAPI's storage
 * rules (references must resolve on this server, no external references, only some Bundle types
 * can be stored …) and every pre-storage check of this server (profiles, study rules, read-only
 * package resources, snapshots) decide, as they do for the real write. Nothing is stored.
 */
public final class WriteRehearsal {
    private final DaoRegistry daos;
    private final TransactionTemplate transactions;

    public WriteRehearsal(DaoRegistry daos, PlatformTransactionManager transactionManager) {
        this.daos = daos;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /**
     * @param body the resource as sent, which the pre-storage validation checks instead of a re-encoding
     * @return the errors the write would be refused with; empty when it would be accepted
     */
    public List<OperationOutcomeIssueComponent> rehearse(IBaseResource resource, String body, boolean update,
                                                         RequestDetails request) {
        Optional<String> notStorable = OperationOnlyResources.whyNotStorable(resource.fhirType());
        if (notStorable.isPresent()) {
            return List.of(new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.NOTSUPPORTED).setDiagnostics(notStorable.get()));
        }
        IBaseResource copy = ((Resource) resource).copy();
        BodyAsSent.remember(copy, body);
        try {
            transactions.executeWithoutResult(status -> {
                status.setRollbackOnly();
                IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(copy.fhirType());
                if (update) {
                    dao.update(copy, request);
                } else {
                    dao.create(copy, request);
                }
            });
            return List.of();
        } catch (BaseServerResponseException refused) {
            return errorsOf(refused);
        }
    }

    private static List<OperationOutcomeIssueComponent> errorsOf(BaseServerResponseException refused) {
        List<OperationOutcomeIssueComponent> errors = new ArrayList<>();
        if (refused.getOperationOutcome() instanceof OperationOutcome outcome) {
            outcome.getIssue().stream().filter(ProfileValidation::isError).forEach(errors::add);
        }
        if (errors.isEmpty()) {
            errors.add(new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.ERROR)
                    .setCode(IssueType.PROCESSING)
                    .setDiagnostics("A write would be refused with HTTP " + refused.getStatusCode() + ": " + refused.getMessage()));
        }
        return errors;
    }
}
