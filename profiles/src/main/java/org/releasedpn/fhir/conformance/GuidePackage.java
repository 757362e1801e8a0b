package org.releasedpn.fhir.conformance;

import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * An implementation guide's FHIR package that the operator installed (FHIR_PACKAGES, or a
 * dependency of one): its identity and its conformance resources, parsed as R4.
 *
 * @param canonical the guide's canonical base (package.json {@code canonical}), or null
 * @param source    where it was read from (a file, or a folder of the package cache)
 */
public record GuidePackage(String name, String version, String canonical, String source,
                           List<IBaseResource> resources) {

    /** {@code name#version}, as FHIR packages are named. */
    public String label() {
        return name + "#" + version;
    }
}
