package org.releasedpn.fhir.study.ctgov;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Where an imported trial is written. The server wires it to HAPI JPA's system transaction
 * ({@code IFhirSystemDao.transaction}), so the import passes the same validation and study rules
 * as any other write and is stored whole or not at all.
 */
public interface StudyStore {

    /**
     * Processes a transaction Bundle on behalf of {@code request} (its interceptors, tenant and
     * authorization apply) and answers the transaction-response Bundle.
     */
    Bundle saveTransaction(Bundle transaction, RequestDetails request);
}
