package org.releasedpn.fhir.rest;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;

/**
 * What a refused write was about, in the client's own terms: {@code Patient/p1}, {@code a Patient
 * matching Patient?identifier=…}, {@code a Patient}, or an entry of a Bundle. Nothing of what the
 * database holds: only what the request named.
 */
final class ConflictingResource {
    private ConflictingResource() {
    }

    static String of(RequestDetails request) {
        if (request == null || request.getResourceName() == null) {
            return "a resource of the Bundle";
        }
        String type = request.getResourceName();
        String ifNoneExist = request.getHeader(Constants.HEADER_IF_NONE_EXIST);
        if (request.getRestOperationType() == RestOperationTypeEnum.CREATE && ifNoneExist != null) {
            return "a " + type + " matching " + type + "?" + criteria(ifNoneExist);
        }
        if (request.getId() != null && request.getId().hasIdPart()) {
            return type + "/" + request.getId().getIdPart();
        }
        String url = request.getCompleteUrl();
        if (url != null && url.contains("?")) { // a conditional update or delete
            return "a " + type + " matching " + type + "?" + criteria(url);
        }
        return "a " + type;
    }

    /** The search criteria of a match URL, whether sent as {@code Patient?x=1}, {@code ?x=1} or {@code x=1}. */
    private static String criteria(String matchUrl) {
        return matchUrl.substring(matchUrl.indexOf('?') + 1);
    }
}
