package org.releasedpn.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.RequestTypeEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import org.releasedpn.fhir.validation.OperationOnlyResources;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes to a type with no RESTful endpoint are refused (405, {@link OperationOnlyResources}), and
 * request parameters whose cost or meaning is unbounded are refused with 400 saying the limit,
 * before HAPI builds a query from them: {@code _offset} and {@code _count} are whole numbers from
 * 0, and {@code _sort} has at most {@value #MAX_SORT_KEYS} keys, each once (a repeated key asked the
 * database for a join per repetition, and such a query ran for minutes). A version id that is
 * not a number any version can have is a 404, not a failure to read it as one.
 */
@Interceptor
public final class RequestLimits {
    static final int MAX_SORT_KEYS = 3;
    /** Parameters that shape the answer but select nothing: a conditional delete with only these would match all. */
    private static final Set<String> RESULT_PARAMETERS = Set.of("_count", "_offset", "_sort", "_summary", "_elements",
            "_include", "_revinclude", "_total", "_format", "_pretty", "_contained", "_containedType");
    private static final Map<String, Set<String>> ALLOWED_VALUES = Map.of(
            "_summary", Set.of("true", "false", "text", "data", "count"),
            "_total", Set.of("none", "estimate", "accurate"));
    /** FHIR R4's search modifiers; a resource type (Subject:Patient) is one too. */
    private static final Set<String> MODIFIERS = Set.of("missing", "exact", "contains", "text", "not", "above", "below",
            "in", "not-in", "of-type", "identifier", "iterate", "recurse");

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean check(RequestDetails request) {
        RequestTypeEnum method = request.getRequestType();
        boolean write = method == RequestTypeEnum.POST || method == RequestTypeEnum.PUT
                || method == RequestTypeEnum.PATCH || method == RequestTypeEnum.DELETE;
        if (write && request.getOperation() == null && request.getResourceName() != null) {
            OperationOnlyResources.whyNotStorable(request.getResourceName()).ifPresent(why -> {
                throw new MethodNotAllowedException(why);
            });
        }
        for (String name : List.of("_offset", "_count")) {
            for (String value : values(request, name)) {
                if (!value.matches("\\d{1,9}")) {
                    throw new InvalidRequestException(name + "=" + value + " is not allowed: " + name
                            + " is a whole number from 0 to 999999999");
                }
            }
        }
        if (request.getId() != null && request.getId().hasVersionIdPart()
                && !request.getId().getVersionIdPart().matches("\\d{1,18}")) {
            throw new ResourceNotFoundException(request.getId().toUnqualifiedVersionless().getValue() + " has no version "
                    + request.getId().getVersionIdPart());
        }
        ALLOWED_VALUES.forEach((name, allowed) -> values(request, name).stream().filter(value -> !allowed.contains(value))
                .findFirst().ifPresent(value -> {
                    throw new InvalidRequestException(name + "=" + value + " is not allowed: " + name + " is one of "
                            + String.join(", ", new java.util.TreeSet<>(allowed)));
                }));
        for (String name : request.getParameters().keySet()) {
            int colon = name.indexOf(':');
            String modifier = colon < 0 ? null : name.substring(colon + 1).split("\\.")[0];
            if (modifier != null && !name.startsWith("_") && !MODIFIERS.contains(modifier)
                    && !request.getFhirContext().getResourceTypes().contains(modifier)) {
                throw new InvalidRequestException("The search parameter " + name + " has the modifier :" + modifier
                        + ", which FHIR does not define");
            }
        }
        if (method == RequestTypeEnum.DELETE && request.getId() == null && request.getResourceName() != null
                && request.getParameters().keySet().stream().allMatch(RESULT_PARAMETERS::contains)) {
            throw new InvalidRequestException("A conditional delete needs search criteria: " + (request.getParameters().isEmpty()
                    ? "none were given" : String.join(", ", request.getParameters().keySet()) + " only shape results")
                    + ", and without criteria it would match every " + request.getResourceName());
        }
        if (method == RequestTypeEnum.PATCH && request.getId() == null && request.getConditionalUrl(
                ca.uhn.fhir.rest.api.RestOperationTypeEnum.PATCH) == null) {
            throw new InvalidRequestException("PATCH needs a resource: [type]/[id], or [type]?[search criteria]");
        }
        String ifMatch = request.getHeader("If-Match");
        if (ifMatch != null && !ifMatch.trim().matches("(W/)?\"\\d{1,18}\"")) {
            throw new InvalidRequestException("If-Match: " + ifMatch + " is no version of a resource; send W/\"[version id]\"");
        }
        for (String sort : values(request, "_sort")) {
            List<String> keys = Arrays.stream(sort.split(",")).map(key -> key.trim().replaceFirst("^-", "")).toList();
            Set<String> distinct = new HashSet<>(keys);
            if (keys.size() > MAX_SORT_KEYS || distinct.size() < keys.size()) {
                throw new InvalidRequestException("_sort=" + sort + " is not allowed: at most " + MAX_SORT_KEYS
                        + " sort keys, each once");
            }
        }
        return true;
    }

    private static List<String> values(RequestDetails request, String name) {
        String[] values = request.getParameters().get(name);
        return values == null ? List.of() : List.of(values);
    }
}
