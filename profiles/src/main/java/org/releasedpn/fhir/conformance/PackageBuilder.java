package org.releasedpn.fhir.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;

/**
 * Build step (exec-maven-plugin, phase process-classes): turns the hand-written differentials and
 * terminology into the FHIR package {@code org.release-dpn.fhir.tgz}, then proves the package
 * against the examples. Any snapshot error or unexpected example outcome fails the build.
 *
 * <p>Arguments: the profiles folder (holds {@code examples/}), the terminology folder, the .tgz
 * to write.
 */
public final class PackageBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PackageBuilder.class);

    private final FhirContext fhirContext = FhirContext.forR4Cached();

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: PackageBuilder <profiles dir> <terminology dir> <output .tgz>");
        }
        new PackageBuilder().build(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
    }

    void build(Path profilesFolder, Path terminologyFolder, Path output) throws IOException {
        ConformanceSources sources = ConformanceSources.read(fhirContext, List.of(profilesFolder, terminologyFolder));
        List<IBaseResource> resources = withSnapshots(sources.resources());

        Map<String, byte[]> files = new PackageAssembler(fhirContext).assemble(sources.version(), resources);
        byte[] tgz = PackageArchive.write(files);
        Files.createDirectories(output.getParent());
        Files.write(output, tgz);
        LOG.info("Wrote {} ({} resources, {} bytes)", output, resources.size(), tgz.length);

        // Check the examples with the package as written, read back the way the server reads it.
        ConformancePackage written = ConformancePackage.fromBytes(fhirContext, tgz);
        checkExamples(profilesFolder.resolve("examples"), written);
    }

    // Extensions first: the profiles' snapshots copy the extensions' definitions.
    private List<IBaseResource> withSnapshots(List<IBaseResource> resources) {
        List<IBaseResource> ordered = new ArrayList<>(resources);
        ordered.sort(Comparator.comparing(r -> r instanceof StructureDefinition sd && "Extension".equals(sd.getType()) ? 0 : 1));
        List<IBaseResource> result = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (IBaseResource resource : ordered) {
            if (resource instanceof StructureDefinition differential) {
                List<IBaseResource> known = new ArrayList<>(result);
                known.addAll(ordered.subList(ordered.indexOf(resource), ordered.size()));
                ValidationSupportChain definitions = TrialValidationSupport.create(fhirContext, known,
                        ValidationSupportChain.CacheConfiguration.disabled());
                result.add(new SnapshotGenerator(fhirContext, definitions).generate(differential, errors));
            } else {
                result.add(resource);
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalStateException("Snapshot generation failed:\n  " + String.join("\n  ", errors));
        }
        return result;
    }

    private void checkExamples(Path examplesFolder, ConformancePackage conformancePackage) {
        List<ExampleExpectation> expectations = ExampleExpectations.read(examplesFolder.resolve("expectations.csv"));
        FhirValidator validator = TrialValidatorFactory.validator(fhirContext,
                TrialValidationSupport.create(fhirContext, conformancePackage));
        ExampleCheck check = new ExampleCheck(fhirContext, validator);

        long start = System.nanoTime();
        List<String> problems = check.check(examplesFolder, expectations);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " example(s) do not behave as expectations.csv says:\n  "
                    + String.join("\n  ", problems));
        }
        long valid = expectations.stream().filter(e -> e.outcome() == ExampleExpectation.Outcome.VALID).count();
        LOG.info("Checked {} examples ({} valid, {} invalid) against expectations.csv in {} ms: all as expected",
                expectations.size(), valid, expectations.size() - valid, millis);
    }
}
