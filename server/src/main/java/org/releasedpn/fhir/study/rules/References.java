package org.releasedpn.fhir.study.rules;

import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/** Reference values reduced to the form the database stores them in: {@code Type/id}. */
final class References {
    private References() {
    }

    static Optional<String> relative(Reference reference) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        return Optional.of(relative(reference.getReference()));
    }

    static String relative(String reference) {
        if (reference.startsWith("urn:") || reference.startsWith("#") || reference.contains("?")) {
            return reference;
        }
        IdType id = new IdType(reference);
        return id.hasResourceType() && id.hasIdPart() ? id.getResourceType() + "/" + id.getIdPart() : reference;
    }
}
