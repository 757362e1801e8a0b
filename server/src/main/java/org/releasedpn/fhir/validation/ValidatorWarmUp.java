package org.releasedpn.fhir.validation;

import ca.uhn.fhir.context.FhirContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates one valid example of each profile at start, so that the first EHR message is as fast
 * as the rest (the first validation loads and compiles definitions: seconds, not milliseconds).
 * The examples come from the profiles jar, listed by its {@code examples/expectations.csv}.
 */
public final class ValidatorWarmUp {
    private static final Logger log = LoggerFactory.getLogger(ValidatorWarmUp.class);
    private static final String EXPECTATIONS = "/examples/expectations.csv";

    private ValidatorWarmUp() {
    }

    public static void run(FhirContext fhirContext, ProfileValidator validator) {
        long start = System.nanoTime();
        Map<String, String> onePerProfile = validExamplesByProfile();
        for (String file : onePerProfile.values()) {
            IBaseResource example = fhirContext.newJsonParser().parseResource(read("/examples/" + file));
            ProfileValidation validation = validator.validate(example, Set.of());
            if (validation.hasErrors()) {
                throw new IllegalStateException("Warm-up example " + file + " does not validate: "
                        + validation.errors().get(0).getDiagnostics());
            }
        }
        log.info("Validator warmed up with {} examples in {} ms", onePerProfile.size(),
                (System.nanoTime() - start) / 1_000_000);
    }

    private static Map<String, String> validExamplesByProfile() {
        Map<String, String> byProfile = new LinkedHashMap<>();
        String[] lines = read(EXPECTATIONS).split("\\R");
        for (int i = 1; i < lines.length; i++) {
            String[] columns = lines[i].split(",", -1);
            if (columns.length >= 3 && "valid".equals(columns[2])) {
                byProfile.putIfAbsent(columns[1], columns[0]);
            }
        }
        if (byProfile.isEmpty()) {
            throw new IllegalStateException(EXPECTATIONS + " lists no valid example");
        }
        return byProfile;
    }

    private static String read(String resource) {
        try (InputStream in = ValidatorWarmUp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing classpath resource " + resource + " (from the profiles jar)");
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .reduce((a, b) -> a + "\n" + b).orElse("");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + resource, e);
        }
    }
}
