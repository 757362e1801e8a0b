package org.releasedpn.fhir.conformance;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * One file of the package as listed in {@code package/.index.json} (index-version 1): kind and
 * type are filled for StructureDefinitions, and type holds the search type of SearchParameters,
 * as the FHIR package tools write them.
 */
public record PackageIndexEntry(
        String filename, String resourceType, String id, String url, String version, String kind, String type) {

    static PackageIndexEntry describe(IBaseResource resource) {
        String resourceType = resource.fhirType();
        String id = resource.getIdElement().getIdPart();
        String filename = resourceType + "-" + id + ".json";
        if (!(resource instanceof MetadataResource metadata)) {
            return new PackageIndexEntry(filename, resourceType, id, null, null, null, null);
        }
        String kind = null;
        String type = null;
        if (resource instanceof StructureDefinition definition) {
            kind = definition.getKind().toCode();
            type = definition.getType();
        } else if (resource instanceof SearchParameter searchParameter) {
            type = searchParameter.getType().toCode();
        }
        return new PackageIndexEntry(filename, resourceType, id, metadata.getUrl(), metadata.getVersion(), kind, type);
    }
}
