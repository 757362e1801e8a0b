package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.releasedpn.fhir.rest.StrictRequestBodyInterceptor;

/**
 * A {@code $validate} call as the FHIR specification defines it: the resource as the body, or as
 * the {@code resource} parameter of a Parameters body; {@code profile} and {@code mode} from the
 * URL or from the Parameters.
 *
 * @param body     the resource exactly as sent, also inside a Parameters body (validated as text, so
 *                 nothing a parser drops is missed)
 * @param resource the same resource, parsed
 * @param profiles profiles the caller asks for, on top of the declared and implied ones
 * @param mode     create, update, delete, or empty (profile conformance only)
 */
record ValidateRequest(String body, IBaseResource resource, List<String> profiles,
                       Optional<String> mode) {

    static ValidateRequest read(RequestDetails request, FhirContext fhirContext) {
        EncodingEnum encoding = encodingOf(request.getHeader("Content-Type"));
        byte[] bytes = request.loadRequestContents();
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRequestException("$validate needs the resource to validate as the request body");
        }
        StrictRequestBodyInterceptor.notUtf8(bytes).ifPresent(problem -> {
            throw new InvalidRequestException(problem);
        });
        String body = new String(bytes, StandardCharsets.UTF_8);
        if (encoding == EncodingEnum.XML) {
            StrictRequestBodyInterceptor.rootOutsideFhir(body).ifPresent(problem -> {
                throw new InvalidRequestException("The body is not a FHIR xml resource: " + problem);
            });
        }
        IBaseResource parsed = parse(fhirContext, encoding, body);
        List<String> profiles = new ArrayList<>(urlParameters(request, "profile"));
        Optional<String> mode = urlParameters(request, "mode").stream().findFirst();

        if (parsed instanceof Parameters parameters && !"Parameters".equals(request.getResourceName())) {
            ParametersParameterComponent resourceParameter = parameter(parameters, "resource");
            if (resourceParameter == null || resourceParameter.getResource() == null) {
                throw new InvalidRequestException("The Parameters body has no 'resource' parameter to validate");
            }
            parameters.getParameter().stream().filter(p -> "profile".equals(p.getName()) && p.getValue() != null)
                    .forEach(p -> profiles.add(p.getValue().primitiveValue()));
            ParametersParameterComponent modeParameter = parameter(parameters, "mode");
            if (modeParameter != null && modeParameter.getValue() != null) {
                mode = Optional.of(modeParameter.getValue().primitiveValue());
            }
            parsed = resourceParameter.getResource();
            IBaseResource resource = parsed;
            body = ResourceTexts.parameter(body, encoding)
                    .orElseGet(() -> encoding.newParser(fhirContext).encodeResourceToString(resource));
        }
        if (request.getResourceName() != null && !request.getResourceName().equals(parsed.fhirType())) {
            throw new InvalidRequestException("$validate on " + request.getResourceName() + " received a "
                    + parsed.fhirType() + "; post it to " + parsed.fhirType() + "/$validate");
        }
        return new ValidateRequest(body, parsed, List.copyOf(profiles),
                mode.map(m -> m.toLowerCase(Locale.ROOT)));
    }

    /**
     * {@code GET [type]/[id]/$validate}, or a POST of it without a body: the stored resource is
     * validated, with {@code profile} and {@code mode} from the URL.
     */
    static ValidateRequest ofStored(RequestDetails request, FhirContext fhirContext, IBaseResource stored) {
        String body = fhirContext.newJsonParser().encodeResourceToString(stored);
        return new ValidateRequest(body, stored, urlParameters(request, "profile"),
                urlParameters(request, "mode").stream().findFirst().map(m -> m.toLowerCase(Locale.ROOT)));
    }

    /** Whether the request carries a resource to validate (else the stored one is meant). */
    static boolean hasBody(RequestDetails request) {
        byte[] bytes = request.loadRequestContents();
        return bytes != null && bytes.length > 0;
    }

    /** The first parameter named {@code name}; HAPI's own lookup fails on a parameter without name. */
    private static ParametersParameterComponent parameter(Parameters parameters, String name) {
        return parameters.getParameter().stream().filter(p -> name.equals(p.getName())).findFirst().orElse(null);
    }

    private static IBaseResource parse(FhirContext fhirContext, EncodingEnum encoding, String body) {
        try {
            return encoding.newParser(fhirContext).parseResource(body);
        } catch (DataFormatException e) {
            throw new InvalidRequestException("The body is not a FHIR " + encoding.getFormatContentType()
                    + " resource: " + e.getMessage());
        }
    }

    private static EncodingEnum encodingOf(String contentType) {
        EncodingEnum encoding = contentType == null ? null : EncodingEnum.forContentType(contentType);
        if (encoding != EncodingEnum.JSON && encoding != EncodingEnum.XML) {
            throw new UnclassifiedServerFailureException(415, "$validate needs a FHIR JSON or XML body (Content-Type "
                    + "application/fhir+json or application/fhir+xml), got '" + contentType + "'");
        }
        return encoding;
    }

    private static List<String> urlParameters(RequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        return values == null ? List.of() : List.of(values);
    }
}
