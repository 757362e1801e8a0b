package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Patient of a subject: only what eligibility needs (birthDate, dpn-rs-3) and gender. */
final class PatientResource {
    private PatientResource() {
    }

    static ObjectNode build(StudySubject subject) {
        return FhirElements.resource("Patient")
                .put("gender", subject.gender())
                .put("birthDate", subject.birthDate().toString());
    }
}
