package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Enumerations.BindingStrength;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;

/**
 * How the validator finds definitions that are not the trial's: a ValueSet contained in an
 * integrator's profile, a profile claimed by major.minor version, a base R4 SearchParameter.
 */
class StoredDefinitionLookupTest {
    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String V2_0131 = "http://terminology.hl7.org/CodeSystem/v2-0131";
    private static final PrePopulatedValidationSupport stored = new PrePopulatedValidationSupport(FHIR);
    private static ValidationSupportChain chain;
    private static FhirValidator validator;

    @BeforeAll
    static void chainWithStoredDefinitions() {
        chain = TrialValidationSupport.create(FHIR, ConformancePackage.fromClasspath(FHIR));
        TrialValidationSupport.addStoredDefinitions(chain, stored);
        validator = TrialValidatorFactory.validator(FHIR, chain);
    }

    @Test
    void containedValueSetOfAStoredProfileAcceptsTheCodesItListsOnly() {
        ValueSet composed = new ValueSet();
        composed.setId("relationships");
        composed.setUrl("http://example.org/fhir/ValueSet/contained-composed").setStatus(PublicationStatus.ACTIVE);
        composed.getCompose().addInclude().setSystem(V2_0131).addConcept().setCode("C");
        assertAcceptsCOnly(storeProfileBindingContactRelationshipTo(composed, "composed"));
    }

    @Test
    void containedValueSetGivenAsAnExpansionOnlyHoldsTheCodesItLists() {
        ValueSet expanded = new ValueSet();
        expanded.setId("relationships");
        expanded.setUrl("http://example.org/fhir/ValueSet/contained-expanded").setStatus(PublicationStatus.ACTIVE);
        expanded.getExpansion().addContains().setSystem(V2_0131).setCode("C");
        assertAcceptsCOnly(storeProfileBindingContactRelationshipTo(expanded, "expanded"));
    }

    /** v2-0131 C is listed, N is not. */
    private static void assertAcceptsCOnly(String profile) {
        assertEquals(List.of(), errors(contactWithRelationship("C"), profile));
        assertTrue(errors(contactWithRelationship("N"), profile).stream()
                .anyMatch(e -> e.getLocationString().startsWith("Patient.contact[0].relationship")), "N is not listed");
    }

    @Test
    void versionMajorMinorFindsTheCurrentPatchOfAStoredProfile() {
        StructureDefinition profile = new StructureDefinition();
        profile.setUrl("http://example.org/fhir/StructureDefinition/versioned").setVersion("0.2.1");
        stored.addResource(profile);

        assertEquals(profile, chain.fetchStructureDefinition(profile.getUrl() + "|0.2"));
        assertEquals(profile, chain.fetchStructureDefinition(profile.getUrl() + "|0.2.1"));
        assertNull(chain.fetchStructureDefinition(profile.getUrl() + "|0.3"));
        assertNull(chain.fetchStructureDefinition(profile.getUrl() + "|0.2.0"), "a full version matches exactly");
    }

    @Test
    void searchParameterDerivedFromABaseParameterOfAnotherTypeIsAnError() {
        assertTrue(errors(derivedFromOrganizationName(SearchParamType.TOKEN), null).stream()
                .anyMatch(e -> e.getMessage().contains("Organization-name")), "Organization-name is a string parameter");
        assertTrue(errors(derivedFromOrganizationName(SearchParamType.STRING), null).stream()
                .noneMatch(e -> e.getMessage().contains("Organization-name")));
    }

    private static SearchParameter derivedFromOrganizationName(SearchParamType type) {
        SearchParameter parameter = new SearchParameter();
        parameter.setUrl("http://example.org/fhir/SearchParameter/org-name-" + type.toCode()).setName("OrgName")
                .setStatus(PublicationStatus.ACTIVE).setDescription("Name").setCode("org-name").setType(type)
                .setExpression("Organization.name")
                .setDerivedFrom("http://hl7.org/fhir/SearchParameter/Organization-name")
                .addBase("Organization");
        return parameter;
    }

    /** A Patient profile whose contact.relationship is bound (required) to the ValueSet it contains. */
    private static String storeProfileBindingContactRelationshipTo(ValueSet valueSet, String name) {
        StructureDefinition profile = new StructureDefinition();
        profile.setUrl("http://example.org/fhir/StructureDefinition/contact-" + name).setName("Contact" + name)
                .setStatus(PublicationStatus.ACTIVE).setKind(StructureDefinition.StructureDefinitionKind.RESOURCE)
                .setAbstract(false).setType("Patient")
                .setBaseDefinition("http://hl7.org/fhir/StructureDefinition/Patient")
                .setDerivation(StructureDefinition.TypeDerivationRule.CONSTRAINT);
        profile.addContained(valueSet);
        ElementDefinition relationship = profile.getDifferential().addElement().setPath("Patient.contact.relationship");
        relationship.setId("Patient.contact.relationship");
        relationship.getBinding().setStrength(BindingStrength.REQUIRED).setValueSet("#" + valueSet.getId());
        stored.addResource(chain.generateSnapshot(new ca.uhn.fhir.context.support.ValidationSupportContext(chain),
                profile, profile.getUrl(), null, profile.getName()));
        return profile.getUrl();
    }

    private static Patient contactWithRelationship(String code) {
        Patient patient = new Patient();
        patient.addContact().setName(new HumanName().setFamily("Contact")).addRelationship().addCoding()
                .setSystem(V2_0131).setCode(code);
        return patient;
    }

    private static List<SingleValidationMessage> errors(IBaseResource resource, String profile) {
        ValidationOptions options = new ValidationOptions();
        if (profile != null) {
            options.addProfile(profile);
        }
        return validator.validateWithResult(resource, options).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()).toList();
    }
}
