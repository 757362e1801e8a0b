package org.releasedpn.fhir.rest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;

/**
 * HAPI's RestfulServer without its {@code X-Powered-By: HAPI FHIR 8.8.0 REST Server …} header:
 * a product and version on every answer tell a scanner which published vulnerabilities to try.
 * (Jetty's {@code Server} header is off in FhirServer's HttpConfiguration.) HAPI has no setting
 * for it; the header's text comes from this one method.
 */
public class UnbrandedRestfulServer extends RestfulServer {
    private static final long serialVersionUID = 1L;

    public UnbrandedRestfulServer(FhirContext fhirContext) {
        super(fhirContext);
    }

    @Override
    protected String createPoweredByHeader() {
        return null;
    }
}
