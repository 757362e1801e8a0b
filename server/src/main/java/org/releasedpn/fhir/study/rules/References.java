package org.releasedpn.fhir.study.rules;

import org.hl7.fhir.r4.model.IdType;

/** Reference values reduced to the form the database stores them in: {@code Type/id}. */
final class References {
    private References() {
    }

    static String relative(String reference) {
        if (reference.startsWith("urn:") || reference.startsWith("#") || reference.contains("?")) {
            return reference;
        }
        IdType id = new IdType(reference);
        return id.hasResourceType() && id.hasIdPart() ? id.getResourceType() + "/" + id.getIdPart() : reference;
    }
}
