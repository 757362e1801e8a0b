package org.releasedpn.fhir.pseudonymisation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.releasedpn.fhir.security.AccessToken;

/**
 * In the pseudonymised view, a search by what the view removes would find the person although the
 * answer does not show the value ({@code Patient?family=Chen} returns Chen's pseudonymised record).
 * Such requests are refused with 403 naming the parameter: the refused names of the rules file, in
 * any position of a parameter name (modifiers {@code name:exact}, chains
 * {@code subject:Patient.name}, reverse chains {@code _has:Observation:patient:identifier}, the
 * {@code :identifier} modifier of a reference) and as {@code _sort} keys.
 *
 * <p>Checked when HAPI has routed the request (every request, also {@code POST _search} with a form
 * body), and again when JPA registers a search (the searches of a batch's entries, which are not
 * routed as requests of their own).
 */
@Interceptor
public final class ReidentifyingSearches {
    /** What separates the parts of a parameter name: chains, modifiers, _has. */
    private static final Pattern NAME_PARTS = Pattern.compile("[.:]");

    private final Set<String> refused;
    private final PseudonymisedViewPolicy policy;

    public ReidentifyingSearches(PseudonymisationRules rules, PseudonymisedViewPolicy policy) {
        this.refused = rules.refusedSearchParameters();
        this.policy = policy;
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean routed(RequestDetails request) {
        check(request);
        return true;
    }

    @Hook(Pointcut.STORAGE_PRESEARCH_REGISTERED)
    public void searching(RequestDetails request) {
        check(request);
    }

    private void check(RequestDetails request) {
        if (request == null || !policy.readsInView(request)) {
            return;
        }
        for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
            Optional<String> found = refusedIn(parameter.getKey(), parameter.getValue());
            if (found.isPresent()) {
                throw refusal(parameter.getKey(), found.get(), request);
            }
        }
    }

    /** The refused search parameter that {@code name} (with its values, for _sort) uses, if any. */
    Optional<String> refusedIn(String name, String[] values) {
        for (String part : NAME_PARTS.split(name)) {
            if (refused.contains(part)) {
                return Optional.of(part);
            }
        }
        if (name.equals("_sort") && values != null) {
            for (String value : values) {
                for (String key : value.split(",")) {
                    String bare = key.trim().startsWith("-") ? key.trim().substring(1) : key.trim();
                    if (refused.contains(bare)) {
                        return Optional.of(bare);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private ForbiddenOperationException refusal(String parameter, String refusedName, RequestDetails request) {
        String why = AccessToken.of(request).filter(token -> !token.mayReadIdentifiedData()).isPresent()
                ? "this client reads the pseudonymised view (its access token has no " + AccessToken.IDENTIFIED_DATA_SCOPE + ")"
                : "the request asked for the pseudonymised view (" + PseudonymisedViewPolicy.HEADER + ")";
        String message = "The search parameter '" + parameter + "' is refused: " + (parameter.equals(refusedName)
                ? "it" : "it uses '" + refusedName + "', which") + " could re-identify a person, and " + why
                + ". Search by what the view shows (e.g. the trial's subject number on ResearchSubject).";
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.FORBIDDEN).setDiagnostics(message);
        return new ForbiddenOperationException(message, outcome);
    }
}
