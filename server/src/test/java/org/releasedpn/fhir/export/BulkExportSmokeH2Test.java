package org.releasedpn.fhir.export;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.SharedH2Server;
import org.releasedpn.fhir.testsupport.TrialSubjects;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;

@ExtendWith(SharedH2Server.class)
class BulkExportSmokeH2Test {
    @Test
    void smoke(FhirServer server) throws Exception {
        FhirEndpoint fhir = new FhirEndpoint(server);
        new TrialSubjects(fhir).enrolled("smoke-1", TrialSubjects.EXPERIMENTAL, ResearchSubjectStatus.ONSTUDY, "2025-01-10");
        BulkDataClient client = new BulkDataClient(fhir);
        System.out.println("KICK " + client.kickOff("$export"));
        long t = System.nanoTime();
        URI status = client.started("$export");
        System.out.println("POLL1 " + client.poll(status) + " " + client.poll(status).headers().map());
        BulkDataClient.Export export = client.export("$export?_type=Patient,Observation");
        System.out.println("MANIFEST " + export.manifest().json() + " in ms " + (System.nanoTime() - t) / 1_000_000);
        System.out.println("LINES " + export.lines());
        System.out.println("PATIENTEXPORT " + client.export("Patient/$export").lines().keySet());
        System.out.println("BAD " + client.kickOff("$export?_outputFormat=text/csv"));
        URI c = client.started("$export");
        System.out.println("CANCEL " + client.cancel(c) + " then " + client.poll(c));
    }
}
