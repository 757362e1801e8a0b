package org.releasedpn.fhir.security;

import com.nimbusds.jose.util.JSONObjectUtils;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.releasedpn.fhir.rest.OperationOutcomeBody;

/**
 * {@code GET /fhir/.well-known/smart-configuration} (SMART App Launch 2.0, section 2.1): where a
 * client gets its token (the issuer's token endpoint) and what it may ask for. Clients of this
 * server are backend services (client_credentials grant, system scopes). Public, like /metadata.
 */
final class SmartConfigurationServlet extends HttpServlet {
    static final String PATH = "/fhir/.well-known/smart-configuration";
    /** The scopes of the four kinds of client the trial has (README), and the wildcard forms. */
    static final List<String> SCOPES_SUPPORTED = List.of("system/*.cruds", "system/*.rs", "system/*.read",
            "system/*.write", "system/*.*", "system/Patient.cu", "system/Consent.cu", "system/ResearchSubject.cu",
            "system/Observation.cu", "system/Procedure.cu", "system/AdverseEvent.cu", "system/AuditEvent.rs",
            SmartScopes.VALIDATE, SmartScopes.ADMINISTRATION, SmartScopes.IDENTIFIED);
    private static final int RETRY_AFTER_SECONDS = 10;

    private final transient IssuerMetadata issuer;
    private final transient OperationOutcomeBody outcomes;

    /** @param issuer null when the server runs without authentication */
    SmartConfigurationServlet(IssuerMetadata issuer, OperationOutcomeBody outcomes) {
        this.issuer = issuer;
        this.outcomes = outcomes;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            response.setHeader("Allow", "GET, HEAD");
            error(response, 405, IssueType.NOTSUPPORTED, "The SMART configuration is read with GET");
            return;
        }
        if (issuer == null) {
            error(response, 404, IssueType.NOTFOUND, "This server runs without authentication (no FHIR_AUTH_ISSUER): "
                    + "there is no SMART configuration");
            return;
        }
        IssuerMetadata.Discovered discovered;
        try {
            discovered = issuer.get();
        } catch (IssuerUnavailableException unavailable) {
            response.setHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
            error(response, 503, IssueType.TRANSIENT, "The identity provider's discovery document is unavailable: "
                    + "the token endpoint is not known now. Try again later.");
            return;
        }
        byte[] body = JSONObjectUtils.toJSONString(configuration(discovered)).getBytes(StandardCharsets.UTF_8);
        response.setStatus(200);
        response.setContentType("application/json;charset=utf-8");
        response.setContentLength(body.length);
        if ("GET".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    private Map<String, Object> configuration(IssuerMetadata.Discovered discovered) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("issuer", issuer.issuer());
        json.put("jwks_uri", discovered.jwksUri().toString());
        json.put("token_endpoint", discovered.tokenEndpoint());
        json.put("grant_types_supported", List.of("client_credentials"));
        if (!discovered.tokenEndpointAuthMethods().isEmpty()) {
            json.put("token_endpoint_auth_methods_supported", discovered.tokenEndpointAuthMethods());
        }
        json.put("scopes_supported", SCOPES_SUPPORTED);
        List<String> capabilities = new ArrayList<>(List.of("client-confidential-symmetric"));
        if (discovered.tokenEndpointAuthMethods().contains("private_key_jwt")) {
            capabilities.add("client-confidential-asymmetric");
        }
        capabilities.addAll(List.of("permission-v2", "permission-v1"));
        json.put("capabilities", capabilities);
        if (discovered.codeChallengeMethods().contains("S256")) {
            json.put("code_challenge_methods_supported", List.of("S256"));
        }
        return json;
    }

    private void error(HttpServletResponse response, int status, IssueType type, String message) throws IOException {
        response.setStatus(status);
        response.setContentType(OperationOutcomeBody.CONTENT_TYPE);
        response.getOutputStream().write(outcomes.error(type, message));
    }
}
