package org.releasedpn.fhir.bench.data;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One generated FHIR resource. The node is the caller's to change (a transaction sets fullUrl
 * references, an update sets the id); {@link #json()} serialises it as it stands.
 */
public record GeneratedResource(TrialResourceKind kind, ObjectNode resource) {

    public String resourceType() {
        return resource.path("resourceType").asText();
    }

    public String json() {
        return resource.toString();
    }
}
