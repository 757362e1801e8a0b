package org.releasedpn.fhir.installation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.jpa.dao.data.IBatch2JobInstanceRepository;
import java.util.List;
import org.hl7.fhir.r4.model.ResearchSubject.ResearchSubjectStatus;
import org.hl7.fhir.r4.model.SearchParameter;
import org.junit.jupiter.api.Test;
import org.releasedpn.fhir.bootstrap.FhirServer;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.testsupport.FhirEndpoint;
import org.releasedpn.fhir.testsupport.Storage;
import org.releasedpn.fhir.testsupport.TestServers;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * {@link PackageInstallation} and HAPI's reindex job: installing the trial's SearchParameters into
 * an empty database starts none (there is nothing to reindex), while a changed SearchParameter
 * over stored resources of its base type still gets them reindexed.
 */
abstract class SearchParameterReindexSuite {
    private static final String REINDEX = "REINDEX";

    abstract Storage storage();

    @Test
    void firstStartStartsNoReindexJobAndAChangeOverStoredDataStartsOne() throws Exception {
        try (Storage storage = storage()) {
            FhirServer server = TestServers.start(storage);
            try {
                assertEquals(0, reindexJobs(server), "reindex jobs after the first start");

                new TrialSubjects(new FhirEndpoint(server)).enrolled("reindex-1", TrialSubjects.CONTROL,
                        ResearchSubjectStatus.ONSTUDY, "2026-01-05");
                SearchParameter arm = server.component(ConformancePackage.class).resources().stream()
                        .filter(resource -> resource instanceof SearchParameter parameter && parameter.getCode().equals("arm"))
                        .map(resource -> ((SearchParameter) resource).copy())
                        .findFirst().orElseThrow();
                arm.setVersion(arm.getVersion() + "-changed");
                arm.setDescription("The arm, changed by a test to see the reindex requested");

                assertEquals(1, server.component(PackageInstallation.class).installIfNew(List.of(arm)));
                assertEquals(1, reindexJobs(server), "reindex jobs after changing SearchParameter/arm over a stored ResearchSubject");
            } finally {
                server.stop();
            }
        }
    }

    private static long reindexJobs(FhirServer server) {
        return server.component(IBatch2JobInstanceRepository.class).findAll().stream()
                .filter(job -> REINDEX.equals(job.getDefinitionId()))
                .count();
    }
}
