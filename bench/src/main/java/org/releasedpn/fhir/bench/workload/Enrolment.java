package org.releasedpn.fhir.bench.workload;

import org.releasedpn.fhir.bench.data.EnrolledSubject;
import org.releasedpn.fhir.bench.data.GeneratedResource;
import org.releasedpn.fhir.bench.data.StudySubject;
import org.releasedpn.fhir.bench.data.TrialDataGenerator;
import org.releasedpn.fhir.bench.http.FhirClient;
import org.releasedpn.fhir.bench.http.FhirResponse;
import org.releasedpn.fhir.bench.http.ResourceLocation;
import org.releasedpn.fhir.bench.stats.PhaseRecorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Puts subjects on-study the way a site does: Patient, ResearchSubject in screening, the
 * screening TCSS, then the update to on-study with the arm. Only then does the server accept their
 * clinical data (dpn-enrol-1), so every write workload enrols first, as its own reported phase.
 */
final class Enrolment {
    private static final int ENTRIES_PER_SUBJECT = 3;

    private final FhirClient client;
    private final TrialDataGenerator generator;
    private final SubjectPool pool;

    Enrolment(FhirClient client, TrialDataGenerator generator, SubjectPool pool) {
        this.client = client;
        this.generator = generator;
        this.pool = pool;
    }

    /** Enrols with one request per resource; 4 requests per subject. */
    static SubjectPool oneByOne(WorkloadContext context, String phase, int subjects) {
        SubjectPool pool = new SubjectPool();
        Enrolment enrolment = new Enrolment(context.client(), context.generator(), pool);
        context.phase(phase, subjects, true, (client, index, recorder) -> enrolment.enrolOne(recorder));
        pool.requireSome(phase);
        return pool;
    }

    /** Enrols in transactions: a screening Bundle for a group of subjects, then an on-study Bundle. */
    static void inTransactions(WorkloadContext context, String phase, int subjects, SubjectPool pool) {
        inTransactionsCounted(context, phase, subjects, pool);
    }

    /** As {@link #inTransactions}; returns the resources created (the on-study updates are not new ones). */
    static long inTransactionsCounted(WorkloadContext context, String phase, int subjects, SubjectPool pool) {
        int perBundle = Math.max(1, context.options().bundleSize() / ENTRIES_PER_SUBJECT);
        long bundles = (subjects + perBundle - 1) / perBundle;
        int before = pool.size();
        Enrolment enrolment = new Enrolment(context.client(), context.generator(), pool);
        context.phase(phase, bundles, true, (client, index, recorder) ->
                enrolment.enrolGroup((int) Math.min(perBundle, subjects - index * perBundle), recorder));
        pool.requireSome(phase);
        return (long) (pool.size() - before) * ENTRIES_PER_SUBJECT;
    }

    void enrolOne(PhaseRecorder recorder) {
        StudySubject plan = generator.nextSubject();
        Optional<String> patientId = create("create Patient", generator.patient(plan), recorder);
        if (patientId.isEmpty()) {
            return;
        }
        String patientReference = "Patient/" + patientId.get();
        Optional<String> researchSubjectId = create("create ResearchSubject (screening)",
                generator.screeningResearchSubject(plan, patientReference), recorder);
        if (researchSubjectId.isEmpty()
                || create("create screening TCSS", generator.screeningTcss(plan, patientReference), recorder).isEmpty()) {
            return;
        }
        GeneratedResource onStudy = generator.onStudyResearchSubject(plan, patientReference, researchSubjectId.get());
        FhirResponse response = client.update("ResearchSubject", researchSubjectId.get(), onStudy.json());
        if (recorded("update ResearchSubject (on-study)", response, 1, recorder)) {
            pool.add(new EnrolledSubject(plan, patientReference, researchSubjectId.get()));
        }
    }

    void enrolGroup(int subjects, PhaseRecorder recorder) {
        List<StudySubject> plans = new ArrayList<>();
        TransactionBundle screening = new TransactionBundle();
        for (int i = 0; i < subjects; i++) {
            StudySubject plan = generator.nextSubject();
            plans.add(plan);
            String patientUrl = TransactionBundle.newFullUrl();
            screening.create(patientUrl, generator.patient(plan))
                    .create(TransactionBundle.newFullUrl(), generator.screeningResearchSubject(plan, patientUrl))
                    .create(TransactionBundle.newFullUrl(), generator.screeningTcss(plan, patientUrl));
        }
        FhirResponse response = client.transaction(screening.json());
        if (!recorded("transaction (screening)", response, screening.size(), recorder)) {
            return;
        }
        List<Optional<ResourceLocation>> locations = FhirBundles.transactionLocations(response.body());
        TransactionBundle onStudy = new TransactionBundle();
        List<EnrolledSubject> enrolled = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Optional<ResourceLocation> patient = at(locations, i * ENTRIES_PER_SUBJECT);
            Optional<ResourceLocation> researchSubject = at(locations, i * ENTRIES_PER_SUBJECT + 1);
            if (patient.isEmpty() || researchSubject.isEmpty()) {
                recorder.failure("transaction (screening)", 0,
                        "transaction-response lacks entry locations: " + response.body());
                return;
            }
            StudySubject plan = plans.get(i);
            String id = researchSubject.get().id();
            onStudy.update(id, generator.onStudyResearchSubject(plan, patient.get().reference(), id));
            enrolled.add(new EnrolledSubject(plan, patient.get().reference(), id));
        }
        response = client.transaction(onStudy.json());
        if (recorded("transaction (on-study)", response, onStudy.size(), recorder)) {
            enrolled.forEach(pool::add);
        }
    }

    private Optional<String> create(String operation, GeneratedResource resource, PhaseRecorder recorder) {
        FhirResponse response = client.create(resource.resourceType(), resource.json());
        if (!recorded(operation, response, 1, recorder)) {
            return Optional.empty();
        }
        Optional<String> id = FhirBundles.createdId(response.location(), response.body());
        if (id.isEmpty()) {
            recorder.failure(operation, 0, operation + " -> no Location header and no id in the body");
        }
        return id;
    }

    private static boolean recorded(String operation, FhirResponse response, int resources, PhaseRecorder recorder) {
        if (response.isSuccess()) {
            recorder.success(operation, response.nanos(), resources);
            return true;
        }
        recorder.failure(operation, response.nanos(), response.describe(operation));
        return false;
    }

    private static Optional<ResourceLocation> at(List<Optional<ResourceLocation>> locations, int index) {
        return index < locations.size() ? locations.get(index) : Optional.empty();
    }
}
