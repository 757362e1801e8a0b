package org.releasedpn.fhir.validation;

import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The text a resource arrived as, kept on the parsed resource, so that a write validates what the
 * client sent, exactly as {@code $validate} of the same body does, rather than HAPI's re-encoding
 * of it (which the HL7 validator does not always read the same way).
 */
final class BodyAsSent {
    private static final String KEY = BodyAsSent.class.getName();

    private BodyAsSent() {
    }

    static void remember(IBaseResource resource, String body) {
        resource.setUserData(KEY, body);
    }

    static String of(IBaseResource resource) {
        return (String) resource.getUserData(KEY);
    }
}
