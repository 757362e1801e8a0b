package org.releasedpn.fhir.config;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Implementation guides to install at start, besides the trial's own package.
 *
 * @param packages FHIR_PACKAGES: comma-separated package files ({@code .tgz}) and/or
 *                 {@code name#version} entries of the package cache; empty by default
 * @param cacheDir FHIR_PACKAGE_CACHE: the local package cache in the standard layout
 *                 ({@code <dir>/<name>#<version>/package/…}); default {@code ~/.fhir/packages}
 */
public record GuidePackageSettings(List<String> packages, Path cacheDir) {

    static GuidePackageSettings from(EnvironmentReader reader, Map<String, String> env) {
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path cache = Path.of(reader.text("FHIR_PACKAGE_CACHE", Path.of(home, ".fhir", "packages").toString()))
                .toAbsolutePath().normalize();
        List<String> packages = Arrays.stream(reader.text("FHIR_PACKAGES", "").split(","))
                .map(String::trim).filter(entry -> !entry.isEmpty()).toList();
        return new GuidePackageSettings(packages, cache);
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_PACKAGES", packages.isEmpty() ? "(none: only the trial's package)" : String.join(",", packages));
        shown.put("FHIR_PACKAGE_CACHE", cacheDir.toString());
        return shown;
    }
}
