package org.releasedpn.fhir.study.ctgov;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.ContactDetail;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * The ResearchStudy of a registry record, shaped by the contract's dpn-research-study profile
 * (section 4.1). Links to the other imported resources (enrolment, sponsor, sites, arm protocols)
 * are added by {@link CtgovStudyMapper}, which knows their ids.
 */
final class ResearchStudyMapper {

    static final String PROFILE = TrialCanonicals.RESEARCH_STUDY_PROFILE;

    /**
     * The registry's "Organization's Unique Protocol ID" ({@code orgStudyIdInfo.id}). It is unique
     * only within the organization that assigned it, so it gets a system in the project's namespace
     * and the organization's name as assigner; the NCT number stays the global identifier.
     */
    static final String ORG_STUDY_ID_SYSTEM = "http://fhir.release-dpn.org/org-study-id";

    private ResearchStudyMapper() {}

    static ResearchStudy fromRegistry(RegistryNode protocol, RegistryNode derived, NctNumber nct, StudyIds ids) {
        RegistryNode identification = protocol.get("identificationModule");
        RegistryNode statusModule = protocol.get("statusModule");
        RegistryNode design = protocol.get("designModule");

        ResearchStudy study = new ResearchStudy();
        study.setId(ids.study());
        study.getMeta().addProfile(PROFILE);
        study.addIdentifier(nct.toIdentifier());
        orgStudyId(identification).ifPresent(study::addIdentifier);
        StudyTitles.apply(identification, study);
        study.setStatus(OverallStatus.toResearchStudyStatus(statusModule.get("overallStatus").requiredText()));
        study.setPhase(StudyPhase.fromRegistry(design.get("phases")));
        study.setPrimaryPurposeType(PrimaryPurpose.fromRegistry(design.get("designInfo.primaryPurpose")));
        study.setCondition(StudyConditions.fromRegistry(
                protocol.get("conditionsModule.conditions"), derived.get("conditionBrowseModule.meshes")));
        protocol.get("conditionsModule.keywords").texts()
                .forEach(keyword -> study.addKeyword(new CodeableConcept().setText(keyword)));
        protocol.get("descriptionModule.briefSummary").text().ifPresent(study::setDescription);
        study.setPeriod(period(statusModule));
        protocol.get("contactsLocationsModule.centralContacts").items()
                .forEach(contact -> study.addContact(contact(contact)));
        study.setArm(StudyArms.fromRegistry(protocol.get("armsInterventionsModule.armGroups")));
        study.setObjective(StudyObjectives.fromRegistry(protocol.get("outcomesModule")));
        return study;
    }

    private static Optional<Identifier> orgStudyId(RegistryNode identification) {
        return identification.get("orgStudyIdInfo.id").text().map(id -> {
            Identifier identifier = new Identifier().setSystem(ORG_STUDY_ID_SYSTEM).setValue(id);
            identification.get("organization.fullName").text()
                    .ifPresent(name -> identifier.setAssigner(new Reference().setDisplay(name)));
            return identifier;
        });
    }

    /** Start is the registry's start date (the contract requires it); end is the study completion date. */
    private static Period period(RegistryNode statusModule) {
        RegistryNode start = statusModule.get("startDateStruct.date");
        Period period = new Period().setStartElement(RegistryDate.of(start).orElseThrow(start::missing));
        RegistryDate.of(statusModule.get("completionDateStruct.date")).ifPresent(period::setEndElement);
        return period;
    }

    private static ContactDetail contact(RegistryNode contact) {
        ContactDetail detail = new ContactDetail();
        contact.get("name").text().ifPresent(detail::setName);
        contact.get("phone").text().ifPresent(phone -> detail.addTelecom(new ContactPoint()
                .setSystem(ContactPoint.ContactPointSystem.PHONE)
                .setValue(contact.get("phoneExt").text().map(ext -> phone + " ext. " + ext).orElse(phone))));
        contact.get("email").text().ifPresent(email -> detail.addTelecom(new ContactPoint()
                .setSystem(ContactPoint.ContactPointSystem.EMAIL)
                .setValue(email)));
        return detail;
    }
}
