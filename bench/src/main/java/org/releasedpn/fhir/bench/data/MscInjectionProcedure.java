package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One hUC-MSC intramuscular injection (profile dpn-msc-administration) at day 0, 7 or 28. */
final class MscInjectionProcedure {
    private MscInjectionProcedure() {
    }

    static ObjectNode build(String patientReference, StudyVisit visit, String performed) {
        if (!StudyVisit.INJECTION_VISITS.contains(visit)) {
            throw new IllegalArgumentException("hUC-MSC is injected only at day-0, day-7 and day-28, not " + visit);
        }
        ObjectNode procedure = FhirElements.resource("Procedure");
        procedure.putArray("extension").add(FhirElements.studyLink()).add(FhirElements.visitTag(visit));
        procedure.put("status", "completed");
        procedure.set("code", FhirElements.codeableConcept(
                TrialCanonicals.INTERVENTION_SYSTEM, TrialCanonicals.MSC_INJECTION_CODE));
        procedure.set("subject", FhirElements.reference(patientReference));
        procedure.put("performedDateTime", performed);
        return procedure;
    }
}
