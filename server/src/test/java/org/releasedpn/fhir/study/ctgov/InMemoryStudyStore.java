package org.releasedpn.fhir.study.ctgov;

import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * A stand-in for HAPI JPA's transaction: keeps what it was given and answers as JPA does for
 * PUTs with client ids (201 the first time, 200 after; a new version only when content changed).
 */
final class InMemoryStudyStore implements StudyStore {

    private record Stored(Resource resource, int version) {}

    private final Map<String, Stored> stored = new HashMap<>();
    private final List<Bundle> transactions = new ArrayList<>();
    private final List<RequestDetails> requests = new ArrayList<>();

    @Override
    public synchronized Bundle saveTransaction(Bundle transaction, RequestDetails request) {
        transactions.add(transaction.copy());
        requests.add(request);
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
            String url = entry.getRequest().getUrl();
            Stored before = stored.get(url);
            int version = before == null ? 1
                    : before.resource().equalsDeep(entry.getResource()) ? before.version() : before.version() + 1;
            stored.put(url, new Stored(entry.getResource().copy(), version));
            response.addEntry().getResponse()
                    .setStatus(before == null ? "201 Created" : "200 OK")
                    .setLocation(url + "/_history/" + version);
        }
        return response;
    }

    synchronized List<Bundle> transactions() {
        return List.copyOf(transactions);
    }

    synchronized List<RequestDetails> requests() {
        return List.copyOf(requests);
    }

    synchronized int storedCount() {
        return stored.size();
    }
}
