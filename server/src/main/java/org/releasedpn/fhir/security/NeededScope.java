package org.releasedpn.fhir.security;

import static org.releasedpn.fhir.security.SmartScopes.ADMINISTERED;
import static org.releasedpn.fhir.security.SmartScopes.ADMINISTRATION;
import static org.releasedpn.fhir.security.SmartScopes.NAMED_ONLY;
import static org.releasedpn.fhir.security.SmartScopes.VALIDATE;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.ArrayList;
import java.util.List;

/**
 * The scope a refused request lacked, in the words of a 403: what was refused, which scopes it
 * needs (all of them), and the wildcard that would also do.
 *
 * @param action what was refused ("Creating Observation")
 * @param scopes the scopes it needs, as they go into {@code WWW-Authenticate: … scope="…"}
 * @param note   an alternative or a remark, or empty
 */
record NeededScope(String action, List<String> scopes, String note) {

    static NeededScope forRefusal(Refusal refusal) {
        String type = refusal.resourceType();
        if (refusal.inAnswer()) {
            return resource("Showing " + type + " in the answer", type, 'r', " or system/" + type + ".s");
        }
        RestOperationTypeEnum interaction = refusal.interaction();
        if (interaction == null) {
            return new NeededScope("This request", List.of(), "no scope allows it");
        }
        return switch (interaction) {
            case READ, VREAD -> resource("Reading " + type, type, 'r', "");
            case HISTORY_INSTANCE, HISTORY_TYPE -> resource("The history of " + type, type, 'r', "");
            case HISTORY_SYSTEM -> new NeededScope("The history of all types", List.of("system/*.r"), "");
            case SEARCH_TYPE -> resource("Searching " + type, type, 's', "");
            case SEARCH_SYSTEM -> new NeededScope("Searching all types", List.of("system/*.s"), "");
            case GET_PAGE -> new NeededScope("The next page", List.of("system/*.s"), "or the read or search scope of the search it continues");
            case CREATE -> write("Creating " + type, type, 'c');
            case UPDATE, PATCH -> write("Updating " + type, type, 'u');
            case DELETE -> write("Deleting " + type, type, 'd');
            case TRANSACTION -> new NeededScope("A transaction or batch", List.of("system/*.c"),
                    "or any other write scope (system/<type>.c, .u or .d); each entry needs its own");
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> operation(refusal);
            default -> new NeededScope(interaction.getCode() == null ? "This request" : interaction.getCode(), List.of(),
                    "no scope allows it");
        };
    }

    private static NeededScope operation(Refusal refusal) {
        String name = refusal.operationName();
        if ("$validate".equals(name) && refusal.interaction() == RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE) {
            NeededScope read = resource("", refusal.resourceType(), 'r', "");
            return new NeededScope("$validate of a stored " + refusal.resourceType(),
                    List.of(VALIDATE, read.scopes().get(0)), read.note());
        }
        if (ScopeRules.EVALUATE_MEASURE.equals(name)) {
            return new NeededScope(name, ScopeRules.ENDPOINT_REPORT_INPUTS.stream().map(type -> "system/" + type + ".r").toList(),
                    "(or system/*.r): a report counts what they hold");
        }
        if (List.of("$validate", "$expand", "$lookup", "$validate-code").contains(name)) {
            return new NeededScope(name, List.of(VALIDATE), "");
        }
        return new NeededScope(name == null ? "This operation" : name, List.of(ADMINISTRATION), "");
    }

    private static NeededScope resource(String action, String type, char permission, String alternative) {
        String wildcard = NAMED_ONLY.contains(type) ? " (a system/* scope does not cover " + type + ")"
                : " (or system/*." + permission + ")";
        return new NeededScope(action, List.of("system/" + type + "." + permission), alternative + wildcard);
    }

    private static NeededScope write(String action, String type, char permission) {
        NeededScope scope = resource(action, type, permission, "");
        if (!ADMINISTERED.contains(type)) {
            return scope;
        }
        List<String> scopes = new ArrayList<>(scope.scopes());
        scopes.add(ADMINISTRATION);
        return new NeededScope(action, scopes, scope.note());
    }

    /** "Creating Organization needs the scope system/Organization.c (or system/*.c)". */
    String sentence() {
        if (scopes.isEmpty()) {
            return action + ": " + note;
        }
        String needs = scopes.size() == 1 ? " needs the scope " + scopes.get(0)
                : " needs the scopes " + String.join(" and ", scopes);
        return action + needs + (note.isEmpty() ? "" : note.startsWith(" ") ? note : " (" + note + ")");
    }
}
