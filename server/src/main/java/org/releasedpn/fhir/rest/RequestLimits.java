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
