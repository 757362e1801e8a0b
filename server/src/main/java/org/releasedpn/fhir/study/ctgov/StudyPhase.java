package org.releasedpn.fhir.study.ctgov;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/**
 * The registry's {@code designModule.phases} list and the single R4 research-study-phase code it
 * becomes. The registry states a combined phase as two list entries ({@code [PHASE1, PHASE2]});
 * R4 has one code for each combination the registry allows.
 */
enum StudyPhase {
    NOT_APPLICABLE(Set.of("NA"), "n-a", "N/A"),
    EARLY_PHASE_1(Set.of("EARLY_PHASE1"), "early-phase-1", "Early Phase 1"),
    PHASE_1(Set.of("PHASE1"), "phase-1", "Phase 1"),
    PHASE_1_PHASE_2(Set.of("PHASE1", "PHASE2"), "phase-1-phase-2", "Phase 1/Phase 2"),
    PHASE_2(Set.of("PHASE2"), "phase-2", "Phase 2"),
    PHASE_2_PHASE_3(Set.of("PHASE2", "PHASE3"), "phase-2-phase-3", "Phase 2/Phase 3"),
    PHASE_3(Set.of("PHASE3"), "phase-3", "Phase 3"),
    PHASE_4(Set.of("PHASE4"), "phase-4", "Phase 4");

    static final String SYSTEM = "http://terminology.hl7.org/CodeSystem/research-study-phase";

    private final Set<String> registryPhases;
    private final String code;
    private final String display;

    StudyPhase(Set<String> registryPhases, String code, String display) {
        this.registryPhases = registryPhases;
        this.code = code;
        this.display = display;
    }

    /**
     * An absent list means the registry has no phase for the study (observational studies), which
     * R4 calls {@code n-a}. A combination R4 cannot express is refused: the contract requires a
     * phase code and guessing one would misreport the trial.
     */
    static CodeableConcept fromRegistry(RegistryNode phases) {
        Set<String> registered = Set.copyOf(phases.texts());
        if (registered.isEmpty()) {
            return NOT_APPLICABLE.toConcept();
        }
        return Arrays.stream(values())
                .filter(phase -> phase.registryPhases.equals(registered))
                .findFirst()
                .orElseThrow(() -> phases.invalid("is " + List.copyOf(registered)
                        + ", which is no phase or phase combination of " + SYSTEM))
                .toConcept();
    }

    private CodeableConcept toConcept() {
        return new CodeableConcept(new Coding(SYSTEM, code, display));
    }
}
