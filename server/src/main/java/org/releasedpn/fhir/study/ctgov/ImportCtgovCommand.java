package org.releasedpn.fhir.study.ctgov;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * {@code import-ctgov FILE [--server BASE_URL]}: sends a ClinicalTrials.gov study record (the
 * registry's API v2 JSON) to {@code $import-ctgov} of a running server and prints one line per
 * resource the server created or updated. The server's base URL is {@code --server}, else the
 * environment's {@code FHIR_BASE_URL}, else {@value #DEFAULT_BASE_URL}. A server that requires
 * tokens gets the one in the environment's {@value #ACCESS_TOKEN_VARIABLE} (obtained beforehand from
 * the identity provider) as {@code Authorization: Bearer}; never an option, which {@code ps} shows.
 *
 * <p>Exit status: 0 imported; 1 the server refused the record or could not be reached (its
 * OperationOutcome is printed to the error stream); 2 wrong usage or an unreadable file.
 */
public final class ImportCtgovCommand {

    public static final String NAME = "import-ctgov";
    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080/fhir";
    public static final String BASE_URL_VARIABLE = "FHIR_BASE_URL";
    public static final String ACCESS_TOKEN_VARIABLE = "FHIR_ACCESS_TOKEN";
    /** RFC 6750 b64token, as the server checks it. */
    private static final Pattern BEARER_TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_LINE = "usage: " + NAME + " FILE [--server BASE_URL]"
            + "   (a server that requires tokens: " + ACCESS_TOKEN_VARIABLE + "=<access token> in the environment)";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Generous: the first write to a cold JPA server also loads validation support. */
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(2);

    private ImportCtgovCommand() {}

    /** Entry for the server jar's main; {@code args} are those after the command name. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.getenv(), out, err);
    }

    /** As {@link #run(List, PrintStream, PrintStream)}, with the environment passed in (for tests). */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args, environment);
        } catch (IllegalArgumentException e) {
            err.println(NAME + ": " + e.getMessage());
            err.println(USAGE_LINE);
            return USAGE;
        }
        byte[] record;
        try {
            record = Files.readAllBytes(arguments.file());
        } catch (NoSuchFileException e) {
            err.println(NAME + ": no such file: " + arguments.file());
            return USAGE;
        } catch (IOException e) {
            err.println(NAME + ": cannot read " + arguments.file() + ": " + e.getMessage());
            return USAGE;
        }
        return post(record, arguments, out, err);
    }

    private static int post(byte[] record, Arguments arguments, PrintStream out, PrintStream err) {
        URI operation = arguments.operationUri();
        HttpRequest.Builder builder = HttpRequest.newBuilder(operation)
                .timeout(IMPORT_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(record));
        arguments.accessToken().ifPresent(token -> builder.header("Authorization", "Bearer " + token));
        HttpRequest request = builder.build();
        HttpResponse<String> response;
        HttpClient client = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            err.println(NAME + ": cannot reach " + operation + ": " + e);
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println(NAME + ": interrupted while waiting for " + operation);
            return FAILED;
        }
        IBaseResource answer = parse(response.body());
        if (response.statusCode() / 100 == 2 && answer instanceof Bundle transactionResponse) {
            printSummary(transactionResponse, out);
            return OK;
        }
        err.println(NAME + ": " + operation + " answered HTTP " + response.statusCode());
        tokenHint(response.statusCode(), arguments.accessToken().isPresent()).ifPresent(hint -> err.println("  " + hint));
        if (answer instanceof OperationOutcome outcome) {
            outcome.getIssue().forEach(issue -> err.println("  " + describe(issue)));
        } else {
            err.println("  " + abbreviate(response.body()));
        }
        return FAILED;
    }

    /** What to do about a refused or missing token: the status alone does not say it. */
    private static Optional<String> tokenHint(int status, boolean tokenSent) {
        if (status == 401 && !tokenSent) {
            return Optional.of("The server requires an access token: set " + ACCESS_TOKEN_VARIABLE
                    + " to a token from its identity provider (client-credentials grant) and run again.");
        }
        if (status == 401) {
            return Optional.of("The server did not accept the access token in " + ACCESS_TOKEN_VARIABLE
                    + " (expired, or of another issuer or audience?): get a new one.");
        }
        if (status == 403) {
            return Optional.of("The access token in " + ACCESS_TOKEN_VARIABLE + " lacks a scope the "
                    + "import needs (dpn/admin and the write scopes; see below).");
        }
        return Optional.empty();
    }

    /** One line per entry, e.g. {@code created ResearchStudy/release-dpn (version 1)}. */
    private static void printSummary(Bundle transactionResponse, PrintStream out) {
        for (Bundle.BundleEntryComponent entry : transactionResponse.getEntry()) {
            String status = entry.getResponse().getStatus();
            String verb = status != null && status.startsWith("201") ? "created" : "updated";
            IdType location = new IdType(entry.getResponse().getLocation());
            String version = location.hasVersionIdPart() ? " (version " + location.getVersionIdPart() + ")" : "";
            out.println(verb + " " + location.toUnqualifiedVersionless().getValue() + version);
        }
    }

    private static String describe(OperationOutcome.OperationOutcomeIssueComponent issue) {
        String text = issue.hasDiagnostics() ? issue.getDiagnostics() : issue.getDetails().getText();
        String where = issue.hasExpression() ? " (at " + issue.getExpression().get(0).getValue() + ")" : "";
        String severity = issue.hasSeverity() ? issue.getSeverity().toCode() : "error";
        return severity + ": " + text + where;
    }

    private static IBaseResource parse(String body) {
        try {
            return FhirContext.forR4Cached().newJsonParser().parseResource(body);
        } catch (DataFormatException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    /** The command line and the environment, checked. */
    record Arguments(Path file, String baseUrl, Optional<String> accessToken) {

        static Arguments parse(List<String> args, Map<String, String> environment) {
            Path file = null;
            String baseUrl = environment.getOrDefault(BASE_URL_VARIABLE, "");
            if (baseUrl.isBlank()) {
                baseUrl = DEFAULT_BASE_URL;
            }
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--server")) {
                    if (i + 1 >= args.size()) {
                        throw new IllegalArgumentException("--server needs a base URL");
                    }
                    baseUrl = args.get(++i);
                } else if (arg.startsWith("--server=")) {
                    baseUrl = arg.substring("--server=".length());
                } else if (arg.startsWith("--token") || arg.startsWith("--access-token")) {
                    throw new IllegalArgumentException("no token on the command line (ps shows it to every user of "
                            + "the machine): set " + ACCESS_TOKEN_VARIABLE + " in the environment instead");
                } else if (arg.startsWith("-")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else if (file == null) {
                    file = Path.of(arg);
                } else {
                    throw new IllegalArgumentException("one FILE only, got " + file + " and " + arg);
                }
            }
            if (file == null) {
                throw new IllegalArgumentException("no FILE given");
            }
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("base URL must be http(s), got '" + baseUrl + "'");
            }
            return new Arguments(file, baseUrl, accessToken(environment));
        }

        /** Trimmed: a token read with $(cat file) ends in a newline. */
        private static Optional<String> accessToken(Map<String, String> environment) {
            String token = environment.getOrDefault(ACCESS_TOKEN_VARIABLE, "").trim();
            if (token.isEmpty()) {
                return Optional.empty();
            }
            if (!BEARER_TOKEN.matcher(token).matches()) {
                throw new IllegalArgumentException(ACCESS_TOKEN_VARIABLE + " is not a bearer token (letters, digits, "
                        + "-._~+/ and trailing =); was it set with quotes or a 'Bearer ' prefix?");
            }
            return Optional.of(token);
        }

        URI operationUri() {
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            return URI.create(base + "/ResearchStudy/$import-ctgov");
        }
    }
}
