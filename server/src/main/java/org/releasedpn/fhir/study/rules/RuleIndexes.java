package org.releasedpn.fhir.study.rules;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The database side of dpn-rs-4 and dpn-enrol-2: HAPI unique combo search parameters, whose
 * unique index rows make the database refuse a second enrolment or a second injection for the
 * same visit even when two requests (or two server processes) race past the Java checks.
 * The SearchParameters are JSON files beside this class, installed at start.
 */
public final class RuleIndexes {
    private static final List<String> SEARCH_PARAMETERS = List.of(
            "dpn-one-subject-per-study",     // dpn-rs-4
            "dpn-one-injection-per-visit");  // dpn-enrol-2

    private RuleIndexes() {
    }

    public static List<IBaseResource> searchParameters(FhirContext fhirContext) {
        return SEARCH_PARAMETERS.stream().map(id -> read(fhirContext, "SearchParameter-" + id + ".json")).toList();
    }

    private static IBaseResource read(FhirContext fhirContext, String file) {
        try (InputStream in = RuleIndexes.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + file + " beside " + RuleIndexes.class.getName());
            }
            return fhirContext.newJsonParser().parseResource(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
