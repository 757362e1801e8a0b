package org.releasedpn.fhir.bench.http;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The type and logical id a server assigned, read from a Location such as {@code .../Patient/12/_history/1}. */
public record ResourceLocation(String resourceType, String id) {
    private static final Pattern TYPE_AND_ID =
            Pattern.compile("(?:^|/)([A-Z][A-Za-z]+)/([A-Za-z0-9\\-.]{1,64})(?:/_history/[^/]+)?/?$");

    public static Optional<ResourceLocation> parse(String location) {
        if (location == null) {
            return Optional.empty();
        }
        Matcher matcher = TYPE_AND_ID.matcher(location.trim());
        return matcher.find() ? Optional.of(new ResourceLocation(matcher.group(1), matcher.group(2))) : Optional.empty();
    }

    public String reference() {
        return resourceType + "/" + id;
    }
}
