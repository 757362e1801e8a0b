package org.releasedpn.fhir.terminology;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Parameters;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * The parameters of a terminology operation, from the URL (GET) or a Parameters body (POST); an
 * instance-level call ({@code ValueSet/study-visit/$expand}) stands for the trial's resource of
 * that id, whose canonical URL is derived from it.
 */
final class TerminologyRequest {
    private static final String CANONICAL_BASE = TrialCanonicals.BASE + "/";

    private final RequestDetails request;
    private final String resourceType;
    private final Parameters body;

    private TerminologyRequest(RequestDetails request, String resourceType, Parameters body) {
        this.request = request;
        this.resourceType = resourceType;
        this.body = body;
    }

    static TerminologyRequest read(RequestDetails request, FhirContext fhirContext, String resourceType) {
        Parameters body = null;
        if (request.getRequestType() == RequestTypeEnum.POST) {
            byte[] bytes = request.loadRequestContents();
            String contentType = request.getHeader("Content-Type");
            EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
            if (bytes != null && bytes.length > 0) {
                if (encoding == null) {
                    throw new InvalidRequestException("Send the operation's Parameters as application/fhir+json or +xml");
                }
                body = encoding.newParser(fhirContext).parseResource(Parameters.class,
                        new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return new TerminologyRequest(request, resourceType, body);
    }

    Optional<String> text(String name) {
        String[] values = request.getParameters().get(name);
        if (values != null && values.length > 0 && !values[0].isBlank()) {
            return Optional.of(values[0]);
        }
        if (body != null && body.getParameter(name) != null && body.getParameter(name).getValue() != null) {
            return Optional.ofNullable(body.getParameter(name).getValue().primitiveValue());
        }
        return Optional.empty();
    }

    int integer(String name, int defaultValue) {
        Optional<String> value = text(name);
        try {
            return value.map(Integer::parseInt).orElse(defaultValue);
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("Parameter '" + name + "' must be a whole number, was '" + value.get() + "'");
        }
    }

    /** The url parameter, or the canonical URL of the instance the operation was called on. */
    String canonical(String name) {
        Optional<String> url = text(name);
        if (url.isPresent()) {
            return url.get();
        }
        if (request.getId() != null && request.getId().hasIdPart()) {
            return CANONICAL_BASE + resourceType + "/" + request.getId().getIdPart();
        }
        throw TerminologyOperations.missing(name, resourceType + "/" + request.getOperation());
    }

    String system() {
        Optional<Coding> coding = coding();
        if (coding.isPresent()) {
            return coding.get().getSystem();
        }
        Optional<String> system = text("system").or(() -> "CodeSystem".equals(resourceType) ? text("url") : Optional.empty());
        if (system.isEmpty() && "CodeSystem".equals(resourceType) && request.getId() != null && request.getId().hasIdPart()) {
            return CANONICAL_BASE + "CodeSystem/" + request.getId().getIdPart();
        }
        return system.orElseThrow(() -> TerminologyOperations.missing("system", resourceType + "/" + request.getOperation()));
    }

    String code() {
        return coding().map(Coding::getCode).or(() -> text("code"))
                .orElseThrow(() -> TerminologyOperations.missing("code", resourceType + "/" + request.getOperation()));
    }

    private Optional<Coding> coding() {
        if (body != null && body.getParameter("coding") != null && body.getParameter("coding").getValue() instanceof Coding c) {
            return Optional.of(c);
        }
        return Optional.empty();
    }

}
