package org.releasedpn.fhir.study.rules;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.releasedpn.fhir.validation.SubmissionRules;
import org.releasedpn.fhir.validation.TransactionInProgress;
import org.releasedpn.fhir.validation.ValidationIssues;

/**
 * Runs every trial rule on a resource about to be stored (or asked about with $validate in mode
 * create/update) and reports all violations; inside a transaction they are located at the entry
 * ({@code Bundle.entry[i].resource...}).
 */
public final class TrialRules implements SubmissionRules {
    private final DaoRegistry daos;
    private final List<TrialRule> rules;

    public TrialRules(DaoRegistry daos, List<TrialRule> rules) {
        this.daos = daos;
        this.rules = List.copyOf(rules);
    }

    @Override
    public List<OperationOutcomeIssueComponent> check(IBaseResource resource, RequestDetails request) {
        TransactionResources transaction = TransactionInProgress.of(request)
                .map(TransactionResources::of).orElse(TransactionResources.NONE);
        return check(resource, transaction, TrialData.forOneWrite(daos, transaction));
    }

    /** The Bundle is indexed once and the database asked once per question for all its entries. */
    @Override
    public Function<IBaseResource, List<OperationOutcomeIssueComponent>> forTransaction(RequestDetails request) {
        TransactionResources transaction = TransactionInProgress.of(request)
                .map(TransactionResources::of).orElse(TransactionResources.NONE);
        TrialData data = TrialData.forTransactionCheck(daos, transaction);
        return resource -> check(resource, transaction, data);
    }

    private List<OperationOutcomeIssueComponent> check(IBaseResource resource, TransactionResources transaction,
                                                       TrialData data) {
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        for (TrialRule rule : rules) {
            issues.addAll(rule.check(resource, data));
        }
        OptionalInt position = transaction.position(resource);
        if (position.isEmpty()) {
            return issues;
        }
        String entry = "Bundle.entry[" + position.getAsInt() + "].resource";
        return issues.stream().map(issue -> ValidationIssues.inEntry(issue, entry, resource.fhirType())).toList();
    }
}
