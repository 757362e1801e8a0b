package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.data.GeneratedResource;
import org.releasedpn.fhir.bench.data.TrialDataGenerator;
import org.releasedpn.fhir.bench.http.FhirClient;
import org.releasedpn.fhir.bench.http.FhirResponse;
import org.releasedpn.fhir.bench.stats.PhaseRecorder;

/**
 * Sends trial-mix clinical resources for enrolled subjects: one per POST, a transaction Bundle of
 * many, or one per {@code $validate}. Generation happens before the clock starts; only the HTTP
 * exchange is timed.
 */
final class ClinicalWrites {
    private final FhirClient client;
    private final TrialDataGenerator generator;
    private final SubjectPool pool;

    ClinicalWrites(FhirClient client, TrialDataGenerator generator, SubjectPool pool) {
        this.client = client;
        this.generator = generator;
        this.pool = pool;
    }

    void createOne(PhaseRecorder recorder) {
        GeneratedResource resource = generator.nextTrialMixResource(pool.enrolled());
        String operation = "create " + resource.kind().label();
        FhirResponse response = client.create(resource.resourceType(), resource.json());
        if (response.isSuccess()) {
            recorder.success(operation, response.nanos(), 1);
        } else {
            recorder.failure(operation, response.nanos(), response.describe(operation));
        }
    }

    void postTransaction(int entries, PhaseRecorder recorder) {
        TransactionBundle bundle = new TransactionBundle();
        for (int i = 0; i < entries; i++) {
            bundle.create(TransactionBundle.newFullUrl(), generator.nextTrialMixResource(pool.enrolled()));
        }
        FhirResponse response = client.transaction(bundle.json());
        if (response.isSuccess()) {
            recorder.success("transaction", response.nanos(), bundle.size());
        } else {
            recorder.failure("transaction", response.nanos(), response.describe("transaction"));
        }
    }

    /** A 200 whose OperationOutcome has an error counts as a failure: generated data must be valid. */
    void validateOne(PhaseRecorder recorder) {
        GeneratedResource resource = generator.nextTrialMixResource(pool.enrolled());
        String operation = "validate " + resource.kind().label();
        FhirResponse response = client.validate(resource.resourceType(), resource.json());
        if (response.isSuccess() && !FhirBundles.hasErrors(response.body())) {
            recorder.success(operation, response.nanos(), 1);
        } else {
            recorder.failure(operation, response.nanos(), response.describe(operation) + " for " + resource.json());
        }
    }
}
