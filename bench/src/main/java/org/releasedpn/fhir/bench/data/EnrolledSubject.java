package org.releasedpn.fhir.bench.data;

/**
 * A subject that is on-study on the server under test: the plan plus the server-assigned
 * references the clinical resources point at.
 */
public record EnrolledSubject(StudySubject plan, String patientReference, String researchSubjectId) {
}
