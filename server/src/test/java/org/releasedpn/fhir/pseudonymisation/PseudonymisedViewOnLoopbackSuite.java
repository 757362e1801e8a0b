package org.releasedpn.fhir.pseudonymisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * Without authentication (the loopback default) data is identified, and a request asks for the
 * pseudonymised view with {@code X-Dpn-View: pseudonymised}, as the README shows with curl.
 */
abstract class PseudonymisedViewOnLoopbackSuite {
    private static final String[] VIEW = {PseudonymisedViewPolicy.HEADER, PseudonymisedViewPolicy.PSEUDONYMISED};

    private FhirEndpoint fhir;
    private SeededPatients patients;

    @BeforeEach
    void seed(FhirServer server) {
        fhir = new FhirEndpoint(server);
        patients = SeededPatients.seed(new TrialSubjects(fhir), 1);
    }

    @Test
    void withoutTheHeaderDataIsIdentified() {
        Http.Response read = Http.get(fhir.uri("Patient/" + patients.id(0)));
        Http.Response byName = Http.get(fhir.uri("Patient?family=" + patients.family(0)));

        assertTrue(read.body().contains(patients.family(0)), read::toString);
        assertEquals(1, byName.resource(Bundle.class).getEntry().size(), byName::toString);
    }

    @Test
    void theHeaderGivesTheView() {
        Http.Response read = Http.get(fhir.uri("Patient/" + patients.id(0)), VIEW);
        Http.Response search = Http.get(fhir.uri("Observation?subject=Patient/" + patients.id(0)
                + "&_include=Observation:subject"), VIEW);

        assertNothingIdentifying(read);
        assertNothingIdentifying(search);
        PseudonymisedViewSuite.assertPseudonymised(read.resource(Patient.class));
        assertEquals(2, search.resource(Bundle.class).getEntry().size(), search::toString);
    }

    @Test
    void everythingOfAPatientInTheView() {
        Http.Response everything = Http.get(fhir.uri("Patient/" + patients.id(0) + "/$everything"), VIEW);

        assertEquals(200, everything.status(), everything::toString);
        assertNothingIdentifying(everything);
        assertTrue(everything.resource(Bundle.class).getEntry().size() >= 4, everything::toString); // Patient, Consent, subject, TCSS
        everything.resource(Bundle.class).getEntry().forEach(entry ->
                PseudonymisedViewSuite.assertPseudonymised(entry.getResource()));
    }

    @Test
    void aSearchByNameInTheViewIsRefused() {
        Http.Response refused = Http.get(fhir.uri("Patient?family=" + patients.family(0)), VIEW);

        assertEquals(403, refused.status(), refused::toString);
        assertTrue(refused.body().contains("X-Dpn-View"), refused::toString);
    }

    private void assertNothingIdentifying(Http.Response answer) {
        for (String value : patients.identifyingValues()) {
            assertFalse(answer.body().contains(value), () -> "'" + value + "' in " + answer);
        }
    }
}
