package org.releasedpn.fhir.study;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.releasedpn.fhir.study.ctgov.CtgovStudyMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every fresh server holds RELEASE-DPN as {@code ResearchStudy/release-dpn} (contract section 1),
 * imported from the registry record bundled in the profiles jar, the same way an operator imports
 * any other trial. An existing study is left as it is.
 */
public final class TrialSeed {
    public static final String STUDY_ID = "release-dpn";
    private static final String REGISTRY_RECORD = "/registry/NCT07183761.json";
    private static final Logger log = LoggerFactory.getLogger(TrialSeed.class);

    private final IFhirResourceDao<ResearchStudy> studies;
    private final IFhirSystemDao<Bundle, Meta> system;
    private final CtgovStudyMapper mapper;
    private final String serverBase;

    public TrialSeed(IFhirResourceDao<ResearchStudy> studies, IFhirSystemDao<Bundle, Meta> system,
                     CtgovStudyMapper mapper, String serverBase) {
        this.studies = studies;
        this.system = system;
        this.mapper = mapper;
        this.serverBase = serverBase;
    }

    public void importIfAbsent() {
        SystemRequestDetails request = new SystemRequestDetails();
        try {
            studies.read(new IdType("ResearchStudy", STUDY_ID), request);
            return;
        } catch (ResourceNotFoundException absent) {
            // a fresh database: import below
        }
        Bundle transaction = mapper.map(registryRecord(), serverBase);
        system.transaction(request, transaction);
        log.info("Imported ResearchStudy/{} from the bundled registry record {}", STUDY_ID, REGISTRY_RECORD);
    }

    private static byte[] registryRecord() {
        try (InputStream in = TrialSeed.class.getResourceAsStream(REGISTRY_RECORD)) {
            if (in == null) {
                throw new IllegalStateException("The bundled registry record " + REGISTRY_RECORD + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + REGISTRY_RECORD, e);
        }
    }
}
