package org.releasedpn.fhir.security;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * What the authorization rules refused: the interaction, the resource type it concerned, whether
 * that resource was to be shown in the answer (rather than written or asked for), and the
 * operation's name for an operation. Enough to say which scope was missing.
 */
record Refusal(RestOperationTypeEnum interaction, String resourceType, boolean inAnswer, String operationName) {

    static Refusal of(RestOperationTypeEnum interaction, RequestDetails request, IBaseResource input, IIdType inputId,
                      IBaseResource output) {
        String type;
        if (output != null) {
            type = request.getFhirContext().getResourceType(output);
        } else if (input != null) {
            type = request.getFhirContext().getResourceType(input);
        } else if (inputId != null && inputId.hasResourceType()) {
            type = inputId.getResourceType();
        } else {
            type = request.getResourceName();
        }
        return new Refusal(interaction, type, output != null, request.getOperation());
    }
}
