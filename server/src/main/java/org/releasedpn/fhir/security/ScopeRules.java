package org.releasedpn.fhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOp;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleBuilderRuleOpClassifier;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRuleTester;
import ca.uhn.fhir.rest.server.interceptor.auth.RuleBuilder;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.releasedpn.fhir.security.SmartScopes.Permission;

/**
 * Translates a token's {@link SmartScopes} into HAPI {@code AuthorizationInterceptor} rules. Each
 * permission becomes HAPI's rule for it, narrowed by a tester where HAPI's rule is broader than
 * the permission: HAPI's read covers read, vread, history and search alike, SMART separates r
 * (read, vread, history) from s (search); HAPI's write covers create, SMART's u does not.
 *
 * <pre>
 * c  create                     → allow().create()
 * r  read, vread, history        → allow().read(), for these interactions
 * u  update, patch               → allow().write(), for these interactions
 * d  delete (also on cascade)    → allow().delete()
 * s  search                      → allow().read(), for searches
 * any of c, u, d                 → transaction and batch, each entry checked by the rules above
 * </pre>
 * A resource in an answer (search results, includes, history, a transaction's answer) may be shown
 * when the token may read (r) or search (s) its type; a transaction's answer may also show what
 * the token may write.
 */
final class ScopeRules {
    private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD, RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.GET_PAGE);
    private static final Set<RestOperationTypeEnum> SEARCHES = EnumSet.of(RestOperationTypeEnum.SEARCH_TYPE,
            RestOperationTypeEnum.SEARCH_SYSTEM, RestOperationTypeEnum.GET_PAGE);
    private static final Set<RestOperationTypeEnum> UPDATES = EnumSet.of(RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH);
    /** The terminology operations the server answers ({@code terminology.TerminologyOperations}). */
    private static final Map<String, List<String>> TERMINOLOGY = Map.of(
            "ValueSet", List.of("$expand", "$validate-code"),
            "CodeSystem", List.of("$lookup", "$validate-code"));
    static final String IMPORT_CTGOV = "$import-ctgov";
    static final String EXPORT = "$export";
    static final String EXPORT_POLL_STATUS = "$export-poll-status";
    static final String EVALUATE_MEASURE = "$evaluate-measure";
    /** What an endpoint report counts: a token that may read all of it may have the report. */
    static final List<String> ENDPOINT_REPORT_INPUTS =
            List.of("Measure", "ResearchStudy", "ResearchSubject", "Observation", "Procedure", "AdverseEvent");
    /** Export files: the files of other exports are never exported. */
    private static final String BINARY = "Binary";

    private ScopeRules() {
    }

    static List<IAuthRule> rulesFor(SmartScopes scopes, FhirContext fhirContext) {
        RuleBuilder rules = new RuleBuilder();
        rules.allow("metadata").metadata();
        for (Permission permission : Permission.values()) {
            for (String type : scopes.namedTypesWith(permission)) {
                add(rules, permission, "system/" + type + "." + permission.letter, Set.of(), target -> target.resourcesOfType(type));
            }
            if (scopes.wildcard(permission)) {
                add(rules, permission, "system/*." + permission.letter, scopes.notCoveredByWildcard(permission),
                        IAuthRuleBuilderRuleOp::allResources);
            }
        }
        if (scopes.writes()) {
            rules.allow("transaction and batch, entry by entry").transaction().withAnyOperation().andApplyNormalRules();
        }
        if (scopes.validate()) {
            validation(rules, scopes, fhirContext);
        }
        bulkExport(rules, scopes, fhirContext);
        endpointReports(rules, scopes, fhirContext);
        if (scopes.administration()) {
            rules.allow(SmartScopes.ADMINISTRATION).operation().named(IMPORT_CTGOV)
                    .onType(fhirContext.getResourceDefinition("ResearchStudy").getImplementingClass())
                    .andAllowAllResponses();
            rules.allow(SmartScopes.ADMINISTRATION).operation().withAnyName().atAnyLevel()
                    .andRequireExplicitResponseAuthorization();
        }
        return rules.build();
    }

    /**
     * Bulk Data {@code $export} (system, Patient, Group) of the types the token may both read and
     * search: an export is a search over all of them. Polling and cancelling are allowed here and
     * narrowed to the export's own client by {@code export.ExportPollOwner}; its files are Binary
     * reads (needs r on Binary), narrowed by {@code export.ExportFileAccess}.
     */
    private static void bulkExport(RuleBuilder rules, SmartScopes scopes, FhirContext fhirContext) {
        Set<String> types = exportableTypes(scopes, fhirContext);
        if (types.isEmpty()) {
            return;
        }
        String name = "read and search (r, s): " + EXPORT;
        // First: HAPI checks the export's types as an operation on the server, which the
        // operation rules below would allow whatever the types; the first verdict counts.
        rules.allow(name).bulkExport().any().withResourceTypes(types);
        rules.allow(name).operation().named(EXPORT).onServer().andAllowAllResponses();
        rules.allow(name).operation().named(EXPORT).onType(resourceClass(fhirContext, "Patient")).andAllowAllResponses();
        rules.allow(name).operation().named(EXPORT).onInstancesOfType(resourceClass(fhirContext, "Group"))
                .andAllowAllResponses();
        rules.allow(name).operation().named(EXPORT_POLL_STATUS).onServer().andAllowAllResponses();
    }

    /** {@code Measure/[id]/$evaluate-measure}: counts and scores of what the token may read (r) itself. */
    private static void endpointReports(RuleBuilder rules, SmartScopes scopes, FhirContext fhirContext) {
        boolean readsEveryInput = ENDPOINT_REPORT_INPUTS.stream().allMatch(type ->
                scopes.namedTypesWith(Permission.READ).contains(type)
                        || scopes.wildcard(Permission.READ) && !scopes.notCoveredByWildcard(Permission.READ).contains(type));
        if (readsEveryInput) {
            rules.allow("read (r) of what the report counts: " + EVALUATE_MEASURE).operation().named(EVALUATE_MEASURE)
                    .onInstancesOfType(resourceClass(fhirContext, "Measure")).andAllowAllResponses();
        }
    }

    /** The types a token may export: those it may read and search, never Binary. */
    static Set<String> exportableTypes(SmartScopes scopes, FhirContext fhirContext) {
        Set<String> types = new java.util.TreeSet<>(scopes.namedTypesWith(Permission.READ));
        types.retainAll(scopes.namedTypesWith(Permission.SEARCH));
        if (scopes.wildcard(Permission.READ) && scopes.wildcard(Permission.SEARCH)) {
            Set<String> all = new java.util.TreeSet<>(fhirContext.getResourceTypes());
            all.removeAll(scopes.notCoveredByWildcard(Permission.READ));
            all.removeAll(scopes.notCoveredByWildcard(Permission.SEARCH));
            types.addAll(all);
        }
        types.remove(BINARY);
        return types;
    }

    private static Class<? extends IBaseResource> resourceClass(FhirContext fhirContext, String type) {
        return fhirContext.getResourceDefinition(type).getImplementingClass();
    }

    /** The resources a rule applies to: one type, or all. */
    private interface Target extends Function<IAuthRuleBuilderRuleOp, IAuthRuleBuilderRuleOpClassifier> {
    }

    private static void add(RuleBuilder rules, Permission permission, String name, Set<String> excluded, Target target) {
        switch (permission) {
            case CREATE -> {
                finish(target.apply(rules.allow(name).create()), new Applies(null, Set.of(), excluded));
                transactionAnswers(rules, name, excluded, target);
            }
            case READ -> finish(target.apply(rules.allow(name).read()), new Applies(READS, null, excluded));
            case UPDATE -> {
                finish(target.apply(rules.allow(name).write()), new Applies(UPDATES, Set.of(), excluded));
                transactionAnswers(rules, name, excluded, target);
            }
            case DELETE -> {
                finish(target.apply(rules.allow(name).delete()), new Applies(null, Set.of(), excluded));
                finish(target.apply(rules.allow(name + " (cascade)").delete().onCascade()), new Applies(null, Set.of(), excluded));
            }
            case SEARCH -> finish(target.apply(rules.allow(name).read()), new Applies(SEARCHES, null, excluded));
        }
    }

    /** With {@code Prefer: return=representation} a transaction's answer shows what was written. */
    private static void transactionAnswers(RuleBuilder rules, String name, Set<String> excluded, Target target) {
        IAuthRuleBuilderRuleOp read = rules.allow(name + " (in a transaction's answer)").read();
        finish(target.apply(read), new Applies(Set.of(), EnumSet.of(RestOperationTypeEnum.TRANSACTION), excluded));
    }

    private static void finish(IAuthRuleBuilderRuleOpClassifier appliesTo, IAuthRuleTester tester) {
        appliesTo.withAnyId().withTester(tester);
    }

    private static void validation(RuleBuilder rules, SmartScopes scopes, FhirContext fhirContext) {
        rules.allow(SmartScopes.VALIDATE).operation().named("$validate").onAnyType().andAllowAllResponses();
        TERMINOLOGY.forEach((type, operations) -> {
            Class<? extends IBaseResource> resource = fhirContext.getResourceDefinition(type).getImplementingClass();
            for (String operation : operations) {
                rules.allow(SmartScopes.VALIDATE).operation().named(operation).onType(resource).andAllowAllResponses();
                rules.allow(SmartScopes.VALIDATE).operation().named(operation).onInstancesOfType(resource)
                        .andAllowAllResponses();
            }
        });
        // $validate of a stored resource shows what the validator finds in it: it is a read, too.
        for (String type : scopes.namedTypesWith(Permission.READ)) {
            rules.allow(SmartScopes.VALIDATE + " and system/" + type + ".r").operation().named("$validate")
                    .onInstancesOfType(fhirContext.getResourceDefinition(type).getImplementingClass())
                    .andAllowAllResponses();
        }
        if (scopes.wildcard(Permission.READ)) {
            rules.allow(SmartScopes.VALIDATE + " and system/*.r").operation().named("$validate").onAnyInstance()
                    .andAllowAllResponses().withTester(new Applies(null, null, scopes.notCoveredByWildcard(Permission.READ)));
        }
    }

    /**
     * Narrows a HAPI rule to some interactions and types.
     *
     * @param requests the interactions it applies to as a request; null: every one HAPI's rule applies to
     * @param answers  the interactions whose answers it lets through; null: every one
     * @param excluded resource types it never applies to
     */
    record Applies(Set<RestOperationTypeEnum> requests, Set<RestOperationTypeEnum> answers, Set<String> excluded)
            implements IAuthRuleTester {
        @Override
        public boolean matches(RuleTestRequest request) {
            return (requests == null || requests.contains(request.operation)) && allowedType(typeOf(request));
        }

        @Override
        public boolean matchesOutput(RuleTestRequest request) {
            return (answers == null || answers.contains(request.operation)) && allowedType(typeOf(request));
        }

        private boolean allowedType(String type) {
            return type == null || !excluded.contains(type);
        }

        private static String typeOf(RuleTestRequest request) {
            if (request.resource != null) {
                return request.requestDetails.getFhirContext().getResourceType(request.resource);
            }
            if (request.resourceId != null && request.resourceId.hasResourceType()) {
                return request.resourceId.getResourceType();
            }
            return request.requestDetails.getResourceName();
        }
    }
}
