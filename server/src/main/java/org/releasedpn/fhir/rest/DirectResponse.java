package org.releasedpn.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.RestfulServerUtils;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Writes a resource as the answer to a request that an interceptor handles itself, in the
 * format the client asked for (Accept or _format), as HAPI would.
 */
public final class DirectResponse {
    private DirectResponse() {
    }

    public static void write(FhirContext fhirContext, RequestDetails request, HttpServletResponse response,
                             IBaseResource resource) throws IOException {
        write(fhirContext, request, response, resource, HttpServletResponse.SC_OK);
    }

    public static void write(FhirContext fhirContext, RequestDetails request, HttpServletResponse response,
                             IBaseResource resource, int status) throws IOException {
        EncodingEnum encoding = RestfulServerUtils.determineResponseEncodingWithDefault(request).getEncoding();
        boolean pretty = RestfulServerUtils.prettyPrintResponse(request.getServer(), request);
        String body = encoding.newParser(fhirContext).setPrettyPrint(pretty).encodeResourceToString(resource);
        response.setStatus(status);
        response.setContentType(encoding.getResourceContentTypeNonLegacy() + ";charset=utf-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
