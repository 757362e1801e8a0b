package org.releasedpn.fhir.bench.workload;

import java.util.List;
import org.releasedpn.fhir.bench.http.FhirResponse;
import org.releasedpn.fhir.bench.stats.PhaseRecorder;

/**
 * The trial's endpoint reports: loads --preload resources for --subjects subjects, then asks each
 * endpoint Measure for its summary MeasureReport (contract section 7) --requests times, one phase
 * per Measure, so the time of {@code $evaluate-measure} can be read at a given trial size.
 */
final class EndpointReportWorkload implements Workload {
    /** The endpoint Measures of the trial's package. */
    static final List<String> MEASURES = List.of("dpn-tcss-change-week-24", "dpn-ncv-change-week-24",
            "dpn-crp-change-week-24", "dpn-msc-related-ae", "dpn-msc-adverse-reaction");

    @Override
    public String name() {
        return "endpoints";
    }

    @Override
    public String summary() {
        return "load --preload resources for --subjects subjects, then each endpoint's $evaluate-measure";
    }

    @Override
    public void run(WorkloadContext context) {
        long preload = context.options().preload();
        int subjects = BulkLoad.subjectsFor(context, preload);
        long loaded = BulkLoad.load(context, new SubjectPool(), "enrol", "load", subjects, preload);
        context.report().fact("resourcesLoaded", loaded);
        context.report().fact("subjectsEnrolled", subjects);
        for (String measure : MEASURES) {
            context.phase(measure + " warm-up", context.options().warmup(), false, (client, index, recorder) ->
                    evaluate(context, measure, recorder));
            context.phase(measure, context.options().requests(), false, (client, index, recorder) ->
                    evaluate(context, measure, recorder));
        }
        context.sampleMemory("after-reports");
    }

    private static void evaluate(WorkloadContext context, String measure, PhaseRecorder recorder) {
        FhirResponse response = context.client().evaluateMeasure(measure);
        String operation = "$evaluate-measure";
        if (response.status() == 200 && response.body().contains("\"MeasureReport\"")) {
            recorder.success(operation, response.nanos(), 1);
        } else {
            recorder.failure(operation, response.nanos(), response.describe(operation));
        }
    }
}
