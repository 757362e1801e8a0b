package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyArmComponent;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.Test;

/** The RELEASE-DPN registry record, mapped field by field as the data contract (4.1) requires. */
class CtgovStudyMapperTest {

    private final CtgovStudyMapper mapper = new CtgovStudyMapper();
    private final Bundle bundle = mapper.map(RegistryRecords.releaseDpnBytes(), RegistryRecords.SERVER_BASE);

    @Test
    void isATransactionOfPutsInDependencyOrderWithIdsDerivedFromTheAcronym() {
        assertEquals(Bundle.BundleType.TRANSACTION, bundle.getType());
        assertEquals(
                List.of("Organization/release-dpn-sponsor", "Location/release-dpn-site-1", "Group/release-dpn-enrolment",
                        "PlanDefinition/release-dpn-arm-1", "PlanDefinition/release-dpn-arm-2", "ResearchStudy/release-dpn"),
                bundle.getEntry().stream().map(entry -> entry.getRequest().getUrl()).toList());
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            assertEquals(Bundle.HTTPVerb.PUT, entry.getRequest().getMethod());
            Resource resource = entry.getResource();
            assertEquals(entry.getRequest().getUrl(), resource.fhirType() + "/" + resource.getIdElement().getIdPart());
            assertEquals(RegistryRecords.SERVER_BASE + "/" + entry.getRequest().getUrl(), entry.getFullUrl());
        }
    }

    @Test
    void researchStudyCarriesTheProfileAndBothIdentifiers() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals("release-dpn", study.getIdElement().getIdPart());
        assertEquals(List.of("http://fhir.release-dpn.org/StructureDefinition/dpn-research-study"),
                study.getMeta().getProfile().stream().map(profile -> profile.getValue()).toList());
        Identifier nct = study.getIdentifier().get(0);
        assertEquals("https://clinicaltrials.gov/nctid", nct.getSystem());
        assertEquals("NCT07183761", nct.getValue());
        assertEquals(Identifier.IdentifierUse.OFFICIAL, nct.getUse());
        Identifier orgStudyId = study.getIdentifier().get(1);
        assertEquals("http://fhir.release-dpn.org/org-study-id", orgStudyId.getSystem());
        assertEquals("2023ZD0509004-4.1", orgStudyId.getValue());
        assertEquals("Southwest Hospital, China", orgStudyId.getAssigner().getDisplay());
        assertEquals(2, study.getIdentifier().size());
    }

    @Test
    void titleIsTheBriefTitleWithOfficialTitleAndAcronymAsNotes() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals("A Randomized Controlled Trial on the Efficacy and Safety of Umbilical Cord Mesenchymal Stem "
                + "Cell Therapy in Subjects With Moderate to Severe Diabetic Peripheral Neuropathy", study.getTitle());
        assertEquals(List.of(
                        "Official title: A Randomized Controlled Trial Evaluating the Efficacy and Safety of Intramuscular Human "
                                + "Umbilical Cord Mesenchymal Stem Cell Therapy for Subjects With Moderate to Severe Diabetic "
                                + "Peripheral Neuropathy",
                        "Acronym: RELEASE-DPN"),
                study.getNote().stream().map(note -> note.getText()).toList());
        assertFalse(study.hasExtension(), "no extension the server's validator could refuse");
    }

    @Test
    void withoutBriefTitleTheOfficialTitleIsTheTitle() {
        ResearchStudy study =
                RegistryRecords.researchStudyOf(RegistryRecords.without("protocolSection.identificationModule.briefTitle"));
        assertTrue(study.getTitle().startsWith("A Randomized Controlled Trial Evaluating"), study.getTitle());
        assertEquals(List.of("Acronym: RELEASE-DPN"), study.getNote().stream().map(note -> note.getText()).toList());
    }

    @Test
    void statusPhaseAndPurposeAreCoded() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals(ResearchStudy.ResearchStudyStatus.APPROVED, study.getStatus());
        assertCoding(study.getPhase(), "http://terminology.hl7.org/CodeSystem/research-study-phase", "phase-2");
        assertCoding(study.getPrimaryPurposeType(),
                "http://terminology.hl7.org/CodeSystem/research-study-prim-purp-type", "treatment");
    }

    @Test
    void conditionKeywordsAndDescriptionAreTheRegistryTexts() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals(List.of("Diabetic Peripheral Neuropathy (DPN)"), texts(study.getCondition()));
        assertFalse(study.getConditionFirstRep().hasCoding(), "the record has no MeSH condition terms");
        assertEquals(List.of("Diabetic Peripheral Neuropathy", "Mesenchymal Stem Cell Transplantation",
                "Randomized Controlled Trial"), texts(study.getKeyword()));
        assertTrue(study.getDescription().startsWith("This clinical trial aims to evaluate the efficacy and safety"));
        assertTrue(study.getDescription().endsWith("until Week 104 to evaluate long-term safety."));
    }

    @Test
    void periodRunsFromStartToCompletionDateAtDayPrecision() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals("2025-10-01", study.getPeriod().getStartElement().getValueAsString());
        assertEquals(TemporalPrecisionEnum.DAY, study.getPeriod().getStartElement().getPrecision());
        assertEquals("2028-08-30", study.getPeriod().getEndElement().getValueAsString());
    }

    @Test
    void armsAreTheArmGroupsWithExactLabelsAndCodedTypes() {
        List<ResearchStudyArmComponent> arms = only(ResearchStudy.class).getArm();
        assertEquals(2, arms.size());
        assertEquals("Experimental group", arms.get(0).getName());
        assertCoding(arms.get(0).getType(), ArmGroupType.SYSTEM, "experimental");
        assertEquals("The experimental group will receive three injections of hUC-MSCs (on Day 0, Day 7, and Day 28) "
                + "while continuing conventional therapy.", arms.get(0).getDescription());
        assertEquals("Control group", arms.get(1).getName());
        assertCoding(arms.get(1).getType(), ArmGroupType.SYSTEM, "active-comparator");
        assertEquals("The control group will receive conventional therapy only.", arms.get(1).getDescription());
    }

    @Test
    void objectivesAreTheOutcomeMeasuresRankedPrimarySecondaryExploratory() {
        List<ResearchStudy.ResearchStudyObjectiveComponent> objectives = only(ResearchStudy.class).getObjective();
        assertEquals(13, objectives.size());
        assertEquals(List.of("primary", "primary", "primary", "secondary", "secondary", "secondary", "secondary",
                        "secondary", "secondary", "exploratory", "exploratory", "exploratory", "exploratory"),
                objectives.stream().map(objective -> objective.getType().getCodingFirstRep().getCode()).toList());
        objectives.forEach(objective ->
                assertEquals(StudyObjectives.SYSTEM, objective.getType().getCodingFirstRep().getSystem()));
        assertEquals("Toronto Clinical Scoring System (TCSS) score", objectives.get(0).getName());
        assertEquals("Nerve conduction velocity", objectives.get(3).getName());
        assertEquals("Status of lower extremity ulcers", objectives.get(12).getName());
    }

    @Test
    void contactIsTheCentralContact() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals(1, study.getContact().size());
        assertEquals("Min Long", study.getContactFirstRep().getName());
        assertEquals(List.of("phone:+862368765431", "email:longmin_casper@163.com"),
                study.getContactFirstRep().getTelecom().stream()
                        .map(telecom -> telecom.getSystem().toCode() + ":" + telecom.getValue()).toList());
    }

    @Test
    void researchStudyReferencesItsEnrolmentSponsorSiteAndArmProtocols() {
        ResearchStudy study = only(ResearchStudy.class);
        assertEquals(List.of("Group/release-dpn-enrolment"), references(study.getEnrollment()));
        assertEquals("Organization/release-dpn-sponsor", study.getSponsor().getReference());
        assertEquals(List.of("Location/release-dpn-site-1"), references(study.getSite()));
        assertEquals(List.of("PlanDefinition/release-dpn-arm-1", "PlanDefinition/release-dpn-arm-2"),
                references(study.getProtocol()));
    }

    @Test
    void enrolmentGroupHoldsTheTargetCountAndEligibility() {
        Group group = only(Group.class);
        assertEquals("release-dpn-enrolment", group.getIdElement().getIdPart());
        assertEquals(Group.GroupType.PERSON, group.getType());
        assertFalse(group.getActual());
        assertEquals(140, group.getQuantity());
        assertEquals(2, group.getCharacteristic().size());

        Group.GroupCharacteristicComponent age = group.getCharacteristic().get(0);
        assertCoding(age.getCode(), "http://loinc.org", "30525-0");
        assertFalse(age.getExclude());
        Range range = age.getValueRange();
        assertEquals(new BigDecimal("18"), range.getLow().getValue());
        assertEquals(new BigDecimal("80"), range.getHigh().getValue());
        for (var limit : List.of(range.getLow(), range.getHigh())) {
            assertEquals("http://unitsofmeasure.org", limit.getSystem());
            assertEquals("a", limit.getCode());
        }

        Group.GroupCharacteristicComponent sex = group.getCharacteristic().get(1);
        assertCoding(sex.getCode(), "http://loinc.org", "46098-0");
        assertEquals("All", sex.getValueCodeableConcept().getText());
        assertFalse(sex.getValueCodeableConcept().hasCoding());

        String criteria = group.getText().getDivAsString();
        assertTrue(criteria.contains("Inclusion Criteria:"), criteria);
        assertTrue(criteria.contains("Toronto Clinical Scoring System (TCSS) score ≥9"), criteria);
        assertTrue(criteria.contains("HbA1c \\&gt;12%"), "markup characters are escaped: " + criteria);
    }

    @Test
    void sponsorIsTheLeadSponsor() {
        Organization sponsor = only(Organization.class);
        assertEquals("release-dpn-sponsor", sponsor.getIdElement().getIdPart());
        assertEquals("Min Long", sponsor.getName());
        assertCoding(sponsor.getTypeFirstRep(), SponsorMapper.ORGANIZATION_TYPE_SYSTEM, "crs");
    }

    @Test
    void siteIsTheRegisteredFacilityWithAddressAndPosition() {
        Location site = only(Location.class);
        assertEquals("release-dpn-site-1", site.getIdElement().getIdPart());
        assertEquals("Southwest Hospital", site.getName());
        assertEquals("Chongqing", site.getAddress().getCity());
        assertEquals("Chongqing Municipality", site.getAddress().getState());
        assertEquals("400038", site.getAddress().getPostalCode());
        assertEquals("China", site.getAddress().getCountry());
        assertEquals(new BigDecimal("29.56026"), site.getPosition().getLatitude());
        assertEquals(new BigDecimal("106.55771"), site.getPosition().getLongitude());
    }

    @Test
    void eachArmWithInterventionsHasAProtocolWithOneActionPerIntervention() {
        List<PlanDefinition> plans = all(PlanDefinition.class);
        assertEquals(List.of("Experimental group", "Control group"), plans.stream().map(PlanDefinition::getTitle).toList());
        plans.forEach(plan -> assertCoding(plan.getType(), ArmProtocolMapper.PLAN_TYPE_SYSTEM, "clinical-protocol"));

        PlanDefinition experimental = plans.get(0);
        assertEquals(List.of("Biological: Experimental Group", "Drug: Conventional therapy group"),
                experimental.getAction().stream().map(PlanDefinition.PlanDefinitionActionComponent::getTitle).toList());
        assertEquals(List.of("human umbilical cord mesenchymal stem cells (hUC-MSCs) injection"),
                texts(experimental.getActionFirstRep().getCode()));
        assertTrue(experimental.getActionFirstRep().getDescription().startsWith("On day 0, day 7, and day 28"));

        PlanDefinition control = plans.get(1);
        assertEquals(List.of("Drug: Conventional therapy group"),
                control.getAction().stream().map(PlanDefinition.PlanDefinitionActionComponent::getTitle).toList());
    }

    @Test
    void mappingTwiceGivesEqualBundlesAndEqualEncodings() {
        Bundle again = mapper.map(RegistryRecords.releaseDpn(), RegistryRecords.SERVER_BASE);
        assertTrue(bundle.equalsDeep(again));
        var parser = FhirContext.forR4Cached().newJsonParser();
        assertEquals(parser.encodeResourceToString(bundle), parser.encodeResourceToString(again));
    }

    @Test
    void anotherTrialGetsIdsOfItsOwn() {
        var other = RegistryRecords.with("protocolSection.identificationModule.nctId", "\"NCT01234567\"");
        RegistryRecords.set(other, "protocolSection.identificationModule.acronym",
                RegistryRecords.JSON.getNodeFactory().textNode("Other Trial 2"));
        Bundle otherBundle = mapper.map(other, RegistryRecords.SERVER_BASE);
        assertEquals("ResearchStudy/other-trial-2", otherBundle.getEntry().get(5).getRequest().getUrl());
        assertEquals("Group/other-trial-2-enrolment", otherBundle.getEntry().get(2).getRequest().getUrl());
        assertNotEquals(bundle.getEntry().get(0).getFullUrl(), otherBundle.getEntry().get(0).getFullUrl());
        assertEquals("NCT01234567", ((ResearchStudy) otherBundle.getEntry().get(5).getResource()).getIdentifierFirstRep().getValue());
    }

    @Test
    void withoutAcronymTheStudyIdIsTheNctNumber() {
        ResearchStudy study =
                RegistryRecords.researchStudyOf(RegistryRecords.without("protocolSection.identificationModule.acronym"));
        assertEquals("nct07183761", study.getIdElement().getIdPart());
        assertEquals(1, study.getNote().size(), "the official title only");
    }

    @Test
    void meshTermsBecomeCodingsOfTheMatchingConditionOrConceptsOfTheirOwn() {
        var record = RegistryRecords.with("protocolSection.conditionsModule.conditions",
                "[\"Diabetic Neuropathies\", \"Diabetic Peripheral Neuropathy (DPN)\"]");
        RegistryRecords.set(record, "derivedSection.conditionBrowseModule", RegistryRecords.JSON.createObjectNode());
        RegistryRecords.set(record, "derivedSection.conditionBrowseModule.meshes", RegistryRecords.JSON.createArrayNode()
                .add(RegistryRecords.JSON.createObjectNode().put("id", "D003929").put("term", "Diabetic Neuropathies"))
                .add(RegistryRecords.JSON.createObjectNode().put("id", "D010523").put("term", "Peripheral Nervous System Diseases")));
        List<CodeableConcept> conditions = RegistryRecords.researchStudyOf(record).getCondition();
        assertEquals(List.of("Diabetic Neuropathies", "Diabetic Peripheral Neuropathy (DPN)",
                "Peripheral Nervous System Diseases"), texts(conditions));
        assertCoding(conditions.get(0), StudyConditions.MESH_SYSTEM, "D003929");
        assertFalse(conditions.get(1).hasCoding());
        assertCoding(conditions.get(2), StudyConditions.MESH_SYSTEM, "D010523");
    }

    @Test
    void partialRegistryDatesKeepTheirPrecision() {
        var record = RegistryRecords.with("protocolSection.statusModule.startDateStruct.date", "\"2025-10\"");
        ResearchStudy study = RegistryRecords.researchStudyOf(record);
        assertEquals("2025-10", study.getPeriod().getStartElement().getValueAsString());
        assertEquals(TemporalPrecisionEnum.MONTH, study.getPeriod().getStartElement().getPrecision());
    }

    private <T extends Resource> T only(Class<T> type) {
        List<T> found = all(type);
        assertEquals(1, found.size(), type.getSimpleName());
        return found.get(0);
    }

    private <T extends Resource> List<T> all(Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    private static List<String> texts(List<CodeableConcept> concepts) {
        return concepts.stream().map(CodeableConcept::getText).toList();
    }

    private static List<String> references(List<Reference> references) {
        return references.stream().map(Reference::getReference).toList();
    }

    static void assertCoding(CodeableConcept concept, String system, String code) {
        Coding coding = concept.getCodingFirstRep();
        assertEquals(system, coding.getSystem());
        assertEquals(code, coding.getCode());
        assertEquals(1, concept.getCoding().size());
    }
}
