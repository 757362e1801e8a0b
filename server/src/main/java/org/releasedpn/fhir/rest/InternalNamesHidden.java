package org.releasedpn.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Error answers name what was wrong with the request, never the server's insides. HAPI's parsers
 * put Java class names into their messages ({@code com.fasterxml.jackson.databind.JsonNode},
 * {@code DataFormatException}); those are taken out of every 4xx answer. Two failures of HAPI's
 * Bundle reading that client input causes, and that HAPI answers 500, are answered 400 instead:
 * an unknown {@code request.method} and an entry without the resource its method needs.
 */
@Interceptor
public final class InternalNamesHidden {
    /** A qualified Java class name ("java.util.ArrayList", "com.github.fge.jsonpatch.operation.JsonPatchOperation"). */
    private static final Pattern CLASS_NAME = Pattern.compile(
            "`?\\b(?:java|javax|jakarta|com|org|ca|net|sun)\\.(?:[a-z][a-z0-9_]*\\.)+[A-Z][\\w$]*(?:<[^>]*>)?`?");
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b\\w*Exception\\b:?\\s*");

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    public BaseServerResponseException hideInternals(RequestDetails request, Throwable exception) {
        String message = String.valueOf(exception.getMessage());
        if (message.contains("No enum constant ca.uhn.fhir.rest.api.RequestTypeEnum.")) {
            return new InvalidRequestException("A Bundle entry's request.method is "
                    + message.substring(message.lastIndexOf('.') + 1) + ", not one of GET, HEAD, POST, PUT, PATCH, DELETE");
        }
        if (message.contains("theResource must not be null")) {
            return new InvalidRequestException("A Bundle entry has no resource, which its request.method needs");
        }
        if (!(exception instanceof BaseServerResponseException answer) || answer.getStatusCode() >= 500
                || !(leaks(message) || leaks(answer.getOperationOutcome()))) {
            return null;
        }
        BaseServerResponseException clean = BaseServerResponseException.newInstance(answer.getStatusCode(), cleaned(message));
        if (answer.getOperationOutcome() instanceof OperationOutcome outcome) {
            OperationOutcome copy = outcome.copy();
            copy.getIssue().forEach(issue -> issue.setDiagnostics(issue.hasDiagnostics() ? cleaned(issue.getDiagnostics()) : null));
            clean.setOperationOutcome(copy);
        }
        answer.getResponseHeaders().forEach((name, values) -> values.forEach(value -> clean.addResponseHeader(name, value)));
        return clean;
    }

    static String cleaned(String text) {
        return EXCEPTION_NAME.matcher(CLASS_NAME.matcher(text).replaceAll("")).replaceAll("").replaceAll(" {2,}", " ").trim();
    }

    private static boolean leaks(String text) {
        return text != null && (CLASS_NAME.matcher(text).find() || EXCEPTION_NAME.matcher(text).find());
    }

    private static boolean leaks(IBaseOperationOutcome outcome) {
        return outcome instanceof OperationOutcome r4
                && r4.getIssue().stream().anyMatch(issue -> leaks(issue.getDiagnostics()));
    }
}
