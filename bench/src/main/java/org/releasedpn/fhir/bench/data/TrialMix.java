package org.releasedpn.fhir.bench.data;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * The proportions of clinical resources a running trial produces: nerve conduction dominates
 * (several nerves, both sides, every visit), TCSS and CRP at each visit, a few injections and
 * adverse events.
 */
final class TrialMix {
    private static final Map<TrialResourceKind, Integer> PERCENT = new LinkedHashMap<>();

    static {
        PERCENT.put(TrialResourceKind.NERVE_CONDUCTION, 45);
        PERCENT.put(TrialResourceKind.TCSS, 20);
        PERCENT.put(TrialResourceKind.CRP, 17);
        PERCENT.put(TrialResourceKind.MSC_INJECTION, 10);
        PERCENT.put(TrialResourceKind.ADVERSE_EVENT, 8);
    }

    private TrialMix() {
    }

    static TrialResourceKind draw(Random random) {
        int roll = random.nextInt(100);
        for (Map.Entry<TrialResourceKind, Integer> share : PERCENT.entrySet()) {
            roll -= share.getValue();
            if (roll < 0) {
                return share.getKey();
            }
        }
        throw new IllegalStateException("trial mix percentages do not add up to 100");
    }
}
