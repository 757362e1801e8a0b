package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The ResearchSubject at the two moments of enrolment: created in screening, then updated to
 * on-study with the randomised arm once the eligibility data are on the server (dpn-rs-2, dpn-rs-3).
 */
final class ResearchSubjectResource {
    private ResearchSubjectResource() {
    }

    static ObjectNode screening(StudySubject subject, String patientReference) {
        ObjectNode resource = FhirElements.resource("ResearchSubject");
        resource.putArray("identifier").add(FhirElements.JSON.objectNode()
                .put("system", TrialCanonicals.SUBJECT_ID_SYSTEM)
                .put("value", subject.subjectNumber()));
        resource.put("status", "screening");
        resource.putObject("period").put("start", subject.periodStart().toString());
        resource.set("study", FhirElements.reference(TrialCanonicals.STUDY_REFERENCE));
        resource.set("individual", FhirElements.reference(patientReference));
        return resource;
    }

    static ObjectNode onStudy(StudySubject subject, String patientReference, String researchSubjectId) {
        ObjectNode resource = FhirElements.resource("ResearchSubject").put("id", researchSubjectId);
        resource.setAll(screening(subject, patientReference));
        resource.put("status", "on-study");
        resource.put("assignedArm", subject.arm().armName());
        resource.put("actualArm", subject.arm().armName());
        return resource;
    }
}
