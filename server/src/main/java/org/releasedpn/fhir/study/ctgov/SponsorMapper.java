package org.releasedpn.fhir.study.ctgov;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Organization;

/**
 * The lead sponsor as an Organization (ResearchStudy.sponsor is a Reference(Organization) in R4),
 * named exactly as registered even when the registry names a sponsor-investigator, as it does for
 * RELEASE-DPN. It is the sponsor of this trial's record, with an id of this trial; sponsors are
 * not merged across trials.
 */
final class SponsorMapper {

    static final String ORGANIZATION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/organization-type";

    private SponsorMapper() {}

    static Organization fromRegistry(RegistryNode sponsorCollaborators, StudyIds ids) {
        Organization sponsor = new Organization();
        sponsor.setId(ids.sponsor());
        sponsor.addType(new CodeableConcept(new Coding(ORGANIZATION_TYPE_SYSTEM, "crs", "Clinical Research Sponsor")));
        sponsor.setName(sponsorCollaborators.get("leadSponsor.name").requiredText());
        return sponsor;
    }
}
