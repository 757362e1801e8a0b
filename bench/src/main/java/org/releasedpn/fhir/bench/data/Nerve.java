package org.releasedpn.fhir.bench.data;

import java.util.Arrays;
import java.util.List;

/** Nerves of CodeSystem nerve, with the studies a neurophysiologist would actually run on each. */
enum Nerve {
    COMMON_PERONEAL("common-peroneal", true, false),
    POSTERIOR_TIBIAL("posterior-tibial", true, false),
    DEEP_PERONEAL("deep-peroneal", true, false),
    SUPERFICIAL_PERONEAL("superficial-peroneal", false, true),
    SURAL("sural", false, true),
    MEDIAN("median", true, true),
    ULNAR("ulnar", true, true);

    private final String code;
    private final boolean motor;
    private final boolean sensory;

    Nerve(String code, boolean motor, boolean sensory) {
        this.code = code;
        this.motor = motor;
        this.sensory = sensory;
    }

    String code() {
        return code;
    }

    static List<Nerve> studiedFor(boolean motorStudy) {
        return Arrays.stream(values()).filter(n -> motorStudy ? n.motor : n.sensory).toList();
    }
}
