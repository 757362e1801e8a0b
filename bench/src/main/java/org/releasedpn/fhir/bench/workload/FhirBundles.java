package org.releasedpn.fhir.bench.workload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.releasedpn.fhir.bench.http.ResourceLocation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the parts of server answers the harness needs: the locations of a transaction-response,
 * a searchset page's entries and {@code next} link, an OperationOutcome's errors.
 */
final class FhirBundles {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private FhirBundles() {
    }

    static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JsonProcessingException e) {
            return MAPPER.createObjectNode();
        }
    }

    /** The location of each transaction-response entry, in request order. */
    static List<Optional<ResourceLocation>> transactionLocations(String body) {
        List<Optional<ResourceLocation>> locations = new ArrayList<>();
        for (JsonNode entry : read(body).path("entry")) {
            locations.add(ResourceLocation.parse(entry.path("response").path("location").asText(null)));
        }
        return locations;
    }

    /** The id of a created resource: from Location, else from the returned body. */
    static Optional<String> createdId(Optional<String> location, String body) {
        Optional<String> fromLocation = location.flatMap(ResourceLocation::parse).map(ResourceLocation::id);
        if (fromLocation.isPresent()) {
            return fromLocation;
        }
        String id = read(body).path("id").asText("");
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    static SearchPage searchPage(String body) {
        JsonNode bundle = read(body);
        String next = null;
        for (JsonNode link : bundle.path("link")) {
            if ("next".equals(link.path("relation").asText())) {
                next = link.path("url").asText(null);
            }
        }
        int matches = 0;
        int entries = 0;
        for (JsonNode entry : bundle.path("entry")) {
            entries++;
            if (!"include".equals(entry.path("search").path("mode").asText())) {
                matches++;
            }
        }
        return new SearchPage(entries, matches, Optional.ofNullable(next));
    }

    /** Whether an OperationOutcome reports an error or fatal issue (warnings never block, section 3). */
    static boolean hasErrors(String operationOutcome) {
        for (JsonNode issue : read(operationOutcome).path("issue")) {
            String severity = issue.path("severity").asText();
            if (severity.equals("error") || severity.equals("fatal")) {
                return true;
            }
        }
        return false;
    }

    /** @param entries all entries including _include'd ones; matches the search matches only */
    record SearchPage(int entries, int matches, Optional<String> next) {
    }
}
