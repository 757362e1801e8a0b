package org.releasedpn.fhir.validation;

import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** The resource types that make up the trial's conformance package; the server owns them. */
public final class ConformanceResourceTypes {
    public static final Set<String> TYPES = Set.of("StructureDefinition", "CodeSystem", "ValueSet", "SearchParameter");

    private ConformanceResourceTypes() {
    }

    public static boolean contains(IBaseResource resource) {
        return TYPES.contains(resource.fhirType());
    }
}
