package org.releasedpn.fhir.bench.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A FHIR search {@code Type?name=value&...} with each value percent-encoded ({@code |} is not legal in a URI). */
public final class SearchQuery {
    private final String resourceType;
    private final List<String> parameters = new ArrayList<>();

    private SearchQuery(String resourceType) {
        this.resourceType = resourceType;
    }

    public static SearchQuery of(String resourceType) {
        return new SearchQuery(resourceType);
    }

    public SearchQuery where(String name, String value) {
        parameters.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        return this;
    }

    /** The path relative to the FHIR base, e.g. {@code Observation?subject=Patient%2F1}. */
    public String relativeUrl() {
        return parameters.isEmpty() ? resourceType : resourceType + "?" + String.join("&", parameters);
    }

    @Override
    public String toString() {
        return relativeUrl();
    }
}
