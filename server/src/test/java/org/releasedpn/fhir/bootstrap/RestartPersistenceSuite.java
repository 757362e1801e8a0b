package org.releasedpn.fhir.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.releasedpn.fhir.testsupport.Resources.patient;
import static org.releasedpn.fhir.testsupport.Resources.unique;

import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Http;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;

/** What one server stored, a new server on the same storage reads back unchanged, version included. */
abstract class RestartPersistenceSuite {

    /** Fresh storage for this test's two servers. */
    protected abstract Storage newStorage();

    @Test
    void resourceReadsBackWithTheSameVersionAfterRestart() throws Exception {
        try (Storage storage = newStorage()) {
            Patient stored;
            try (FhirServer first = TestServers.start(storage)) {
                stored = storeTwoVersions(new FhirEndpoint(first));
            }

            try (FhirServer second = TestServers.start(storage)) {
                FhirEndpoint fhir = new FhirEndpoint(second);
                Patient read = fhir.client().read().resource(Patient.class)
                        .withId(stored.getIdElement().toVersionless()).execute();

                assertEquals(stored.getIdElement().getIdPart(), read.getIdElement().getIdPart());
                assertEquals("2", read.getIdElement().getVersionIdPart());
                assertEquals(AdministrativeGender.FEMALE, read.getGender());
                assertEquals(stored.getNameFirstRep().getFamily(), read.getNameFirstRep().getFamily());
                assertEquals(stored.getMeta().getLastUpdated(), read.getMeta().getLastUpdated());
                Http.Response firstVersion = Http.get(fhir.uri(
                        "Patient/" + stored.getIdElement().getIdPart() + "/_history/1"));
                assertEquals(200, firstVersion.status(), firstVersion::toString);
                assertEquals(AdministrativeGender.OTHER, firstVersion.resource(Patient.class).getGender());
            }
        }
    }

    private static Patient storeTwoVersions(FhirEndpoint fhir) {
        Patient patient = patient(unique("Restart"));
        patient.setId(fhir.client().create().resource(patient).execute().getId().toVersionless());
        patient.setGender(AdministrativeGender.FEMALE);
        fhir.client().update().resource(patient).execute();
        return fhir.client().read().resource(Patient.class).withId(patient.getIdElement()).execute();
    }
}
