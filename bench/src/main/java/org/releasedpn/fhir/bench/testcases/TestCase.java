package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;

/**
 * One entry of {@code validator/manifest.json}, reduced to what a {@code $validate} run needs.
 *
 * @param name           the case's name, unique within the manifest; what the case list holds
 * @param file           the resource to validate, relative to the validator folder
 * @param version        the FHIR version the case is for ({@code 4.0}, {@code 4.0.1}, {@code 5.0}…);
 *                       empty means the manifest's default, the current R5
 * @param module         the manifest's grouping ({@code profile}, {@code tx}, {@code cda}…), or empty
 * @param useTest        false when the manifest switches the case off
 * @param supporting     files to load before validating ({@code supporting} and its alias {@code profiles})
 * @param javaOutcome    the Java reference validator's expectation: an outcome file name (relative to
 *                       {@code outcomes/}) or an object with {@code outcome} / {@code errorCount};
 *                       null when the reference validator has none
 * @param profile        the second, profile-specific step, if the case has one
 * @param settings       validator settings the case asks for that a plain {@code $validate} cannot
 *                       pass on (packages, security checks…), as {@code key=value}; the case is still
 *                       run, and these are reported beside its result
 */
record TestCase(String name, String file, String version, String module, boolean useTest,
                List<String> supporting, JsonNode javaOutcome, Optional<ProfileStep> profile,
                List<String> settings) {

    /** True for the manifest's R4 cases: version {@code 4.0} or a {@code 4.0.x} patch version. */
    boolean isR4() {
        return version.equals("4.0") || version.startsWith("4.0.");
    }

    /**
     * The profile step: validate again with {@code ?profile=} after loading its own supporting files.
     *
     * @param source      the profile: a file in the artifact, or a canonical URL when the manifest
     *                    expects it to come from a package
     * @param supporting  files to load for this step only
     * @param javaOutcome the reference expectation for this step, as for the case
     * @param useTest     false when the manifest switches this step off
     * @param settings    settings of this step a plain {@code $validate} cannot pass on
     */
    record ProfileStep(String source, List<String> supporting, JsonNode javaOutcome, boolean useTest,
                       List<String> settings) {
    }
}
