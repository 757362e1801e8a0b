package org.releasedpn.fhir.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.releasedpn.fhir.security.SmartScopes.Permission;

/** How a token's scope strings are read: SMART v2 and v1 system scopes, the server's own two, and what grants nothing. */
class SmartScopesTest {
    private static final Set<String> TYPES = FhirContext.forR4Cached().getResourceTypes();

    private static SmartScopes scopes(String scopes) {
        return SmartScopes.parse(Arrays.asList(scopes.split(" ")), TYPES);
    }

    @Test
    void v2LettersArePermissions() {
        SmartScopes scopes = scopes("system/Observation.cu system/Patient.rs");

        assertTrue(scopes.permits(Permission.CREATE, "Observation"));
        assertTrue(scopes.permits(Permission.UPDATE, "Observation"));
        assertFalse(scopes.permits(Permission.READ, "Observation"));
        assertFalse(scopes.permits(Permission.DELETE, "Observation"));
        assertTrue(scopes.permits(Permission.READ, "Patient"));
        assertTrue(scopes.permits(Permission.SEARCH, "Patient"));
        assertFalse(scopes.permits(Permission.CREATE, "Patient"));
        assertTrue(scopes.writes());
    }

    @Test
    void v1ReadIsReadAndSearchAndWriteIsCreateUpdateDelete() {
        SmartScopes scopes = scopes("system/Patient.read system/Observation.write system/Procedure.*");

        assertEquals(Set.of("Patient", "Procedure"), scopes.namedTypesWith(Permission.READ));
        assertEquals(Set.of("Patient", "Procedure"), scopes.namedTypesWith(Permission.SEARCH));
        assertEquals(Set.of("Observation", "Procedure"), scopes.namedTypesWith(Permission.CREATE));
        assertEquals(Set.of("Observation", "Procedure"), scopes.namedTypesWith(Permission.DELETE));
    }

    @Test
    void aWildcardCoversEveryTypeButTheAuditTrail() {
        SmartScopes scopes = scopes("system/*.rs");

        assertTrue(scopes.permits(Permission.READ, "Observation"));
        assertTrue(scopes.permits(Permission.SEARCH, "StructureDefinition"));
        assertFalse(scopes.permits(Permission.READ, "AuditEvent"));
        assertTrue(scopes("system/*.rs system/AuditEvent.r").permits(Permission.READ, "AuditEvent"));
        assertFalse(scopes.writes());
    }

    @Test
    void writesToTheTrialAndConformanceResourcesNeedTheAdministratorScope() {
        SmartScopes without = scopes("system/*.cruds system/ResearchStudy.u");
        SmartScopes with = scopes("system/*.cruds dpn/admin");

        for (String type : List.of("ResearchStudy", "Group", "StructureDefinition", "ValueSet", "CodeSystem",
                "SearchParameter", "ImplementationGuide")) {
            assertFalse(without.permits(Permission.UPDATE, type), type);
            assertTrue(without.permits(Permission.READ, type), type);
            assertTrue(with.permits(Permission.UPDATE, type), type);
        }
        assertEquals(Set.of(), without.namedTypesWith(Permission.UPDATE));
        assertTrue(without.permits(Permission.UPDATE, "Observation"));
    }

    @Test
    void theServersOwnScopes() {
        assertTrue(scopes("dpn/validate").validate());
        assertFalse(scopes("dpn/validate").administration());
        assertTrue(scopes("dpn/admin").administration());
        assertFalse(scopes("dpn/admin").writes());
    }

    @ParameterizedTest
    @ValueSource(strings = {"patient/Observation.rs", "user/*.cruds", "system/Observation.rs?category=laboratory",
            "system/Observation.sr", "system/Observation.rr", "system/Observation.", "system/Unknown.rs",
            "system/observation.rs", "openid", "system/*.x", "dpn/validator"})
    void scopesThatGrantNothing(String scope) {
        SmartScopes scopes = scopes(scope);

        for (Permission permission : Permission.values()) {
            assertFalse(scopes.permits(permission, "Observation"), permission.toString());
        }
        assertFalse(scopes.validate());
        assertFalse(scopes.administration());
        assertEquals(List.of(scope), scopes.granted());
    }
}
