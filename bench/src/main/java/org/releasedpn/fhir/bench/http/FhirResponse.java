package org.releasedpn.fhir.bench.http;

import java.util.Optional;

/**
 * What one HTTP exchange gave: status (or -1 when none arrived), body, Location header and the
 * time from sending to the last byte of the body.
 *
 * @param failure the exception text when no response arrived; null otherwise
 */
public record FhirResponse(int status, String body, Optional<String> location, long nanos, String failure) {

    static FhirResponse noResponse(Exception cause, long nanos) {
        return new FhirResponse(-1, "", Optional.empty(), nanos, cause.getClass().getSimpleName() + ": " + cause.getMessage());
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** A one-line account of a failed exchange, for the report's error samples. */
    public String describe(String operation) {
        if (failure != null) {
            return operation + " -> no response: " + failure;
        }
        return operation + " -> HTTP " + status + ": " + body;
    }
}
