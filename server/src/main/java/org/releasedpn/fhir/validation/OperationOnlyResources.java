package org.releasedpn.fhir.validation;

import java.util.Optional;

/**
 * Resource types that FHIR R4 gives no RESTful endpoint: a Parameters resource only carries the
 * inputs and outputs of an operation. Storing one is refused (405) before HAPI tries, which it
 * cannot do for every Parameters (a reference into a nested Bundle made it fail with a 500).
 */
public final class OperationOnlyResources {
    private OperationOnlyResources() {
    }

    /** Why a resource of this type cannot be written, if it cannot. */
    public static Optional<String> whyNotStorable(String resourceType) {
        return "Parameters".equals(resourceType)
                ? Optional.of("Parameters has no RESTful endpoint in FHIR R4: it carries the inputs and outputs of an "
                        + "operation and is not stored")
                : Optional.empty();
    }
}
