package org.releasedpn.fhir.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.hl7.fhir.instance.model.api.IBaseResource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.StrictErrorHandler;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationOptions;

/**
 * Checks every example against its row of expectations.csv, validating it against the profiles
 * that apply to it (declared and implied, as the server will):
 * <ul>
 * <li>valid: no error;</li>
 * <li>invalid, checked by the profile: at least one error at exactly the expected location, and
 * every error names the rule key (the example breaks that rule and nothing else);</li>
 * <li>invalid, checked by the server: no error from the profiles, since it must break only its
 * server-side rule.</li>
 * </ul>
 * The CSV and the example files must list the same files.
 */
final class ExampleCheck {

    private final FhirContext fhirContext;
    private final FhirValidator validator;

    ExampleCheck(FhirContext fhirContext, FhirValidator validator) {
        this.fhirContext = fhirContext;
        this.validator = validator;
    }

    /** The problems found, one readable line each; empty when every example behaves as expected. */
    List<String> check(Path examplesFolder, List<ExampleExpectation> expectations) {
        List<String> problems = new ArrayList<>(coverage(examplesFolder, expectations));
        for (ExampleExpectation expectation : expectations) {
            Path file = examplesFolder.resolve(expectation.file());
            if (Files.isRegularFile(file)) {
                problems.addAll(checkOne(file, expectation));
            }
        }
        return problems;
    }

    List<String> checkOne(Path file, ExampleExpectation expectation) {
        String name = expectation.file();
        IBaseResource resource;
        try {
            resource = fhirContext.newJsonParser().setParserErrorHandler(new StrictErrorHandler())
                    .parseResource(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DataFormatException e) {
            return List.of(name + ": cannot be parsed: " + e.getMessage());
        }
        Set<String> profiles = ImpliedProfile.declaredAndImplied(resource);
        if (!profiles.contains(expectation.profile())) {
            return List.of(name + ": meant for " + expectation.profile() + " but the profiles that apply are " + profiles);
        }
        List<SingleValidationMessage> errors = validate(resource, profiles);
        return switch (expectation.outcome()) {
            case VALID -> errors.isEmpty() ? List.of() : List.of(name + ": expected valid, got " + describe(errors));
            case INVALID -> expectation.checkedBy() == ExampleExpectation.CheckedBy.SERVER
                    ? serverRuleOnly(name, errors)
                    : profileRuleBroken(name, expectation, errors);
        };
    }

    List<SingleValidationMessage> validate(IBaseResource resource, Set<String> profiles) {
        ValidationOptions options = new ValidationOptions();
        profiles.forEach(options::addProfile);
        return validator.validateWithResult(resource, options).getMessages().stream()
                .filter(m -> m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal())
                .toList();
    }

    private static List<String> serverRuleOnly(String name, List<SingleValidationMessage> errors) {
        return errors.isEmpty() ? List.of()
                : List.of(name + ": breaks a server rule, so the profiles must accept it, but got " + describe(errors));
    }

    private static List<String> profileRuleBroken(String name, ExampleExpectation expectation,
            List<SingleValidationMessage> errors) {
        List<String> problems = new ArrayList<>();
        boolean reportedWhereExpected = errors.stream().anyMatch(
                e -> expectation.expression().equals(e.getLocationString()) && e.getMessage().contains(expectation.ruleKey()));
        if (!reportedWhereExpected) {
            problems.add(name + ": expected an error " + expectation.ruleKey() + " at " + expectation.expression() + ", got "
                    + (errors.isEmpty() ? "no error" : describe(errors)));
        }
        List<SingleValidationMessage> otherErrors =
                errors.stream().filter(e -> !e.getMessage().contains(expectation.ruleKey())).toList();
        if (!otherErrors.isEmpty()) {
            problems.add(name + ": must break only " + expectation.ruleKey() + " but also got " + describe(otherErrors));
        }
        return problems;
    }

    private static List<String> coverage(Path examplesFolder, List<ExampleExpectation> expectations) {
        Set<String> listed = expectations.stream().map(ExampleExpectation::file).collect(Collectors.toSet());
        Set<String> present;
        try (Stream<Path> files = Files.walk(examplesFolder)) {
            present = files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> examplesFolder.relativize(f).toString().replace('\\', '/'))
                    .collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> problems = new ArrayList<>();
        present.stream().filter(f -> !listed.contains(f)).sorted()
                .forEach(f -> problems.add(f + ": example file has no row in expectations.csv"));
        listed.stream().filter(f -> !present.contains(f)).sorted()
                .forEach(f -> problems.add(f + ": listed in expectations.csv but there is no such file"));
        if (listed.size() != expectations.size()) {
            problems.add("expectations.csv lists a file more than once");
        }
        return problems;
    }

    private static String describe(List<SingleValidationMessage> messages) {
        return messages.stream().map(m -> "[" + m.getLocationString() + "] " + m.getMessage())
                .collect(Collectors.joining(" | "));
    }
}
