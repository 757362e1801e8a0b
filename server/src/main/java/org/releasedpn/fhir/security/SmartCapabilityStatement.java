package org.releasedpn.fhir.security;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestSecurityComponent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.UriType;

/**
 * The CapabilityStatement's {@code rest.security}: with authentication, the SMART-on-FHIR service
 * and the issuer's token endpoint (the {@code oauth-uris} extension, for clients that read it
 * there rather than in the SMART configuration); without it beyond loopback (FHIR_AUTH=off), a
 * warning that anyone may read and change everything.
 */
@Interceptor
final class SmartCapabilityStatement {
    static final String RESTFUL_SECURITY_SERVICE = "http://terminology.hl7.org/CodeSystem/restful-security-service";
    static final String OAUTH_URIS = "http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris";

    private final IssuerMetadata issuer;
    private final String audience;
    private final boolean openBeyondLoopback;

    /** @param issuer null when the server runs without authentication */
    SmartCapabilityStatement(IssuerMetadata issuer, String audience, boolean openBeyondLoopback) {
        this.issuer = issuer;
        this.audience = audience;
        this.openBeyondLoopback = openBeyondLoopback;
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void describeSecurity(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            if (issuer != null) {
                smartOnFhir(rest.getSecurity());
            } else if (openBeyondLoopback) {
                rest.getSecurity().setDescription("WARNING: this server runs WITHOUT authentication (FHIR_AUTH=off): "
                        + "anyone who can reach it can read and change every record.");
            }
        }
    }

    private void smartOnFhir(CapabilityStatementRestSecurityComponent security) {
        security.setCors(false);
        security.addService(new CodeableConcept(new Coding(RESTFUL_SECURITY_SERVICE, "SMART-on-FHIR", "SMART-on-FHIR"))
                .setText("OAuth2 using SMART-on-FHIR profile (see http://docs.smarthealthit.org)"));
        security.setDescription("OAuth 2.0 bearer tokens (RFC 6750) of " + issuer.issuer() + " for the audience "
                + audience + ": SMART Backend Services (client_credentials) with system scopes (v2 cruds, v1 "
                + "read/write), " + SmartScopes.VALIDATE + " for $validate and terminology, " + SmartScopes.ADMINISTRATION
                + " for the trial's and the conformance resources, " + SmartScopes.IDENTIFIED + " for identified data (without it, "
                + "every read is the pseudonymised view). See .well-known/smart-configuration.");
        try {
            IssuerMetadata.Discovered discovered = issuer.get();
            Extension uris = security.addExtension().setUrl(OAUTH_URIS);
            uris.addExtension("token", new UriType(discovered.tokenEndpoint()));
            discovered.authorizationEndpoint().ifPresent(url -> uris.addExtension("authorize", new UriType(url)));
        } catch (IssuerUnavailableException unavailable) {
            // The statement is regenerated every minute; the token endpoint appears once the issuer answers.
        }
    }
}
