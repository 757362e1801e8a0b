package org.releasedpn.fhir.study.ctgov;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.Resource;
import org.releasedpn.fhir.study.ctgov.RegistryRecordException.Problem;

/**
 * Turns one ClinicalTrials.gov API v2 study record into the FHIR transaction that stores the
 * trial: its ResearchStudy with the enrolment Group, sponsor Organization, site Locations and one
 * PlanDefinition per arm that receives interventions.
 *
 * <p>Every entry is a PUT to an id derived from the record ({@link StudyIds}) and the content
 * depends on nothing but the record (no timestamps, no random ids), so importing the same record
 * twice changes nothing and HAPI JPA writes no new versions. Referenced resources come first,
 * references are relative ({@code Group/release-dpn-enrolment}) and each entry's fullUrl is
 * {@code [server base]/[type]/[id]}, so the references resolve inside the Bundle by FHIR's
 * Bundle resolution rules (the validator warns about {@code urn:uuid} fullUrls paired with
 * relative references, and refuses entries without fullUrl).
 *
 * <p>A record the contract's ResearchStudy profile could not be filled from is refused with a
 * {@link RegistryRecordException} naming the registry field. Stateless and thread-safe.
 */
public final class CtgovStudyMapper {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * Maps a record given as the raw bytes of the registry's JSON.
     *
     * @param serverBase the base URL of the server that will process the transaction (e.g.
     *     {@code http://127.0.0.1:8080/fhir}); it only builds the entries' fullUrls
     */
    public Bundle map(byte[] registryJson, String serverBase) {
        JsonNode study;
        try {
            study = JSON.readTree(registryJson);
        } catch (JsonProcessingException e) {
            throw new RegistryRecordException(
                    "", Problem.UNREADABLE, "is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new RegistryRecordException("", Problem.UNREADABLE, "cannot be read: " + e.getMessage(), e);
        }
        return map(study, serverBase);
    }

    /** Maps a record already parsed, e.g. one element of the registry's {@code studies} list. */
    public Bundle map(JsonNode study, String serverBase) {
        String base = baseWithoutSlash(serverBase);
        if (study == null || study.isMissingNode()) {
            throw new RegistryRecordException("", Problem.UNREADABLE, "is empty; send the study JSON as the body");
        }
        if (!study.isObject()) {
            throw new RegistryRecordException(
                    "", Problem.UNREADABLE, "is not a JSON object (a ClinicalTrials.gov API v2 study)");
        }
        RegistryNode record = RegistryNode.root(study);
        RegistryNode protocol = record.get("protocolSection").requiredObject();
        RegistryNode identification = protocol.get("identificationModule");
        NctNumber nct = NctNumber.of(identification.get("nctId"));
        StudyIds ids = StudyIds.of(identification.get("acronym").text(), nct.value());
        String studyName = identification.get("acronym").text().orElse(nct.value());

        ResearchStudy researchStudy =
                ResearchStudyMapper.fromRegistry(protocol, record.get("derivedSection"), nct, ids);
        Group enrolment = EnrolmentGroupMapper.fromRegistry(protocol, ids, studyName);
        Organization sponsor = SponsorMapper.fromRegistry(protocol.get("sponsorCollaboratorsModule"), ids);
        List<Location> sites = SiteMapper.fromRegistry(protocol.get("contactsLocationsModule.locations"), ids);
        List<PlanDefinition> armPlans = ArmProtocolMapper.fromRegistry(protocol.get("armsInterventionsModule"), ids);

        researchStudy.addEnrollment(reference(enrolment));
        researchStudy.setSponsor(reference(sponsor).setDisplay(sponsor.getName()));
        sites.forEach(site -> researchStudy.addSite(reference(site).setDisplay(site.getName())));
        armPlans.forEach(plan -> researchStudy.addProtocol(reference(plan).setDisplay(plan.getTitle())));

        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        put(transaction, base, sponsor);
        sites.forEach(site -> put(transaction, base, site));
        put(transaction, base, enrolment);
        armPlans.forEach(plan -> put(transaction, base, plan));
        put(transaction, base, researchStudy);
        return transaction;
    }

    private static String baseWithoutSlash(String serverBase) {
        if (serverBase == null || !(serverBase.startsWith("http://") || serverBase.startsWith("https://"))) {
            throw new IllegalArgumentException("server base must be an http(s) URL, got " + serverBase);
        }
        return serverBase.endsWith("/") ? serverBase.substring(0, serverBase.length() - 1) : serverBase;
    }

    private static Reference reference(Resource resource) {
        return new Reference(localUrl(resource));
    }

    private static String localUrl(Resource resource) {
        return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    }

    private static void put(Bundle transaction, String serverBase, Resource resource) {
        String url = localUrl(resource);
        transaction.addEntry()
                .setFullUrl(serverBase + "/" + url)
                .setResource(resource)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.PUT)
                .setUrl(url);
    }
}
