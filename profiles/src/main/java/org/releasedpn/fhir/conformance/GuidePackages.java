package org.releasedpn.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.utilities.npm.NpmPackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves the implementation guides an operator lists (FHIR_PACKAGES) into loaded packages, with
 * every dependency, from local files only: a listed entry is a package file ({@code .tgz}) or a
 * {@code name#version} in the package cache folder (the standard {@code ~/.fhir/packages} layout:
 * {@code <cache>/<name>#<version>/package/package.json}). Nothing is fetched from a network.
 *
 * <p>A package that cannot be read, is not for FHIR R4, or needs a dependency that is not there
 * stops the start, with a message naming the package and what it lacks: a server that silently
 * validated against half a guide would accept what the guide forbids.
 */
public final class GuidePackages {
    private static final Logger log = LoggerFactory.getLogger(GuidePackages.class);
    /**
     * What is read of a package: the kinds a validator or a FHIR client reads, in the order they
     * are installed, so that what refers to others (an ImplementationGuide lists every resource of
     * its package) comes after them.
     */
    private static final List<String> INSTALL_ORDER = List.of("CodeSystem", "ValueSet", "ConceptMap", "NamingSystem",
            "StructureDefinition", "SearchParameter", "OperationDefinition", "CapabilityStatement", "ImplementationGuide");
    public static final Set<String> CONFORMANCE_TYPES = Set.copyOf(INSTALL_ORDER);
    /** FHIR R4 itself, which the server has built in. */
    private static final Set<String> BUILT_IN = Set.of("hl7.fhir.r4.core", "hl7.fhir.r4.expansions",
            "hl7.fhir.r4.examples", "hl7.fhir.core");

    private GuidePackages() {
    }

    /**
     * @param listed    FHIR_PACKAGES entries, in order
     * @param cacheDir  FHIR_PACKAGE_CACHE
     * @return the listed packages and their dependencies, each once, dependencies after their users
     */
    public static List<GuidePackage> resolve(FhirContext fhirContext, List<String> listed, Path cacheDir) {
        Map<String, NpmPackage> byName = new LinkedHashMap<>();
        Deque<NpmPackage> unresolved = new ArrayDeque<>();
        for (String entry : listed) {
            NpmPackage npm = read(entry, cacheDir);
            if (byName.putIfAbsent(npm.name(), npm) == null) {
                unresolved.add(npm);
            }
        }
        while (!unresolved.isEmpty()) {
            NpmPackage npm = unresolved.poll();
            for (String dependency : npm.dependencies()) {
                String name = dependency.contains("#") ? dependency.substring(0, dependency.indexOf('#')) : dependency;
                if (BUILT_IN.contains(name)) {
                    continue;
                }
                NpmPackage present = byName.get(name);
                if (present != null) {
                    if (!dependency.equals(name + "#" + present.version())) {
                        log.warn("FHIR package {}#{} depends on {}; using {}#{}, which is installed", npm.name(),
                                npm.version(), dependency, name, present.version());
                    }
                    continue;
                }
                NpmPackage found = fromCache(dependency, cacheDir, npm.name() + "#" + npm.version());
                byName.put(found.name(), found);
                unresolved.add(found);
            }
        }
        List<GuidePackage> packages = new ArrayList<>();
        for (NpmPackage npm : byName.values()) {
            packages.add(load(fhirContext, npm));
        }
        return packages;
    }

    private static NpmPackage read(String entry, Path cacheDir) {
        Path file = Path.of(entry);
        if (entry.endsWith(".tgz") || Files.isRegularFile(file)) {
            if (!Files.isRegularFile(file)) {
                throw new InvalidPackageException("FHIR package file " + entry + " (FHIR_PACKAGES) does not exist");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return checked(NpmPackage.fromPackage(in, entry, false), entry);
            } catch (IOException | RuntimeException e) {
                throw unreadable(entry, e);
            }
        }
        if (!entry.contains("#")) {
            throw new InvalidPackageException("FHIR_PACKAGES entry '" + entry + "' is neither a .tgz file nor a "
                    + "name#version in the package cache " + cacheDir);
        }
        return fromCache(entry, cacheDir, null);
    }

    private static NpmPackage fromCache(String nameAndVersion, Path cacheDir, String neededBy) {
        Path folder = cacheDir.resolve(nameAndVersion);
        if (!Files.isRegularFile(folder.resolve("package").resolve("package.json"))) {
            throw new InvalidPackageException((neededBy == null ? "FHIR package " + nameAndVersion + " (FHIR_PACKAGES)"
                    : "FHIR package " + neededBy + " depends on " + nameAndVersion + ", which")
                    + " is not in the package cache " + cacheDir + " (expected " + folder.resolve("package/package.json")
                    + "); list its .tgz in FHIR_PACKAGES or unpack it there. No package is fetched from a network.");
        }
        try {
            return checked(NpmPackage.fromFolder(folder.toString()), folder.toString());
        } catch (IOException | RuntimeException e) {
            throw unreadable(folder.toString(), e);
        }
    }

    private static NpmPackage checked(NpmPackage npm, String source) {
        String fhirVersion = npm.fhirVersion();
        if (fhirVersion != null && !fhirVersion.startsWith("4.0")) {
            throw new InvalidPackageException("FHIR package " + npm.name() + "#" + npm.version() + " (" + source
                    + ") is for FHIR " + fhirVersion + "; this server is FHIR R4 (4.0.1)");
        }
        return npm;
    }

    private static GuidePackage load(FhirContext fhirContext, NpmPackage npm) {
        String label = npm.name() + "#" + npm.version();
        List<IBaseResource> resources = new ArrayList<>();
        try {
            for (String file : npm.listResources(INSTALL_ORDER.toArray(String[]::new))) {
                try (InputStream in = npm.loadResource(file)) {
                    resources.add(fhirContext.newJsonParser().parseResource(in));
                } catch (DataFormatException e) {
                    throw new InvalidPackageException("FHIR package " + label + ": " + file
                            + " is not a valid FHIR R4 resource: " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw unreadable(label, e);
        }
        resources.sort(Comparator.comparingInt(resource -> INSTALL_ORDER.indexOf(resource.fhirType())));
        return new GuidePackage(npm.name(), npm.version(), npm.canonical(), npm.getPath(), List.copyOf(resources));
    }

    private static InvalidPackageException unreadable(String source, Exception e) {
        return e instanceof InvalidPackageException invalid ? invalid
                : new InvalidPackageException("FHIR package " + source + " cannot be read: " + e.getMessage(), e);
    }
}
