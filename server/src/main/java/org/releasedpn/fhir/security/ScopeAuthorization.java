package org.releasedpn.fhir.security;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.bulk.BulkExportJobParameters;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.interceptor.auth.AuthorizationInterceptor;
import ca.uhn.fhir.rest.server.interceptor.auth.IAuthRule;
import ca.uhn.fhir.rest.server.interceptor.auth.PolicyEnum;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * HAPI's {@link AuthorizationInterceptor} with the rules of the request's access token: its SMART
 * scopes ({@link SmartScopes}) become HAPI rules ({@link ScopeRules}), and HAPI applies them to the
 * request, to every resource stored (also each entry of a transaction or batch, before anything is
 * stored) and to every resource shown in the answer. A refusal is a 403 whose OperationOutcome
 * names the scope that was missing.
 *
 * <p>Three additions to HAPI's behaviour:
 * <ul>
 * <li>It runs before this server's other interceptors ({@link #ORDER}), and checks operations
 *     already when the request has been routed: {@code $validate} and the terminology operations
 *     are answered by interceptors before HAPI's providers (and HAPI's own check) are reached.</li>
 * <li>Reads and writes the server makes itself (start-up, the study rules' look-ups, a background
 *     job) carry no client request and are not checked.</li>
 * <li>{@code $validate} in mode create/update rehearses the write in a transaction that is always
 *     rolled back: that rehearsal is not checked as a write (the client asked a question).</li>
 * </ul>
 */
@Interceptor(order = ScopeAuthorization.ORDER)
public final class ScopeAuthorization extends AuthorizationInterceptor {
    /** Before every other interceptor of this server (the lowest of theirs is -100). */
    static final int ORDER = -1000;
    private static final Set<RestOperationTypeEnum> OPERATIONS = EnumSet.of(
            RestOperationTypeEnum.EXTENDED_OPERATION_SERVER, RestOperationTypeEnum.EXTENDED_OPERATION_TYPE,
            RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);
    private static final String SCOPES = ScopeAuthorization.class.getName() + ".scopes";
    private static final String REFUSAL = ScopeAuthorization.class.getName() + ".refusal";

    private final FhirContext fhirContext;
    private final String realm;

    ScopeAuthorization(FhirContext fhirContext, String realm) {
        super(PolicyEnum.DENY);
        this.fhirContext = fhirContext;
        this.realm = realm;
    }

    @Override
    public List<IAuthRule> buildRuleList(RequestDetails request) {
        return ScopeRules.rulesFor(scopesOf(request), fhirContext);
    }

    private SmartScopes scopesOf(RequestDetails request) {
        return (SmartScopes) request.getUserData().computeIfAbsent(SCOPES, key -> SmartScopes.parse(
                AccessToken.of(request).map(AccessToken::scopes).orElse(List.of()), fhirContext.getResourceTypes()));
    }

    /** Operations answered by this server's own interceptors are checked before those answer. */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public void operationRouted(RequestDetails request, Pointcut pointcut) {
        if (OPERATIONS.contains(request.getRestOperationType())) {
            incomingRequestPreHandled(request, pointcut);
        }
    }

    @Override
    public Verdict applyRulesAndReturnDecision(RestOperationTypeEnum interaction, RequestDetails request,
            IBaseResource input, IIdType inputId, IBaseResource output, Pointcut pointcut) {
        Verdict verdict = super.applyRulesAndReturnDecision(interaction, request, input, inputId, output, pointcut);
        if (verdict.getDecision() == PolicyEnum.DENY) {
            // The first refusal is the precise one: a transaction's refused entry comes before the transaction's.
            request.getUserData().putIfAbsent(REFUSAL, Refusal.of(interaction, request, input, inputId, output));
        }
        return verdict;
    }

    @Override
    protected void handleDeny(RequestDetails request, Verdict decision) {
        Refusal refusal = (Refusal) request.getUserData().get(REFUSAL);
        NeededScope needed = NeededScope.forRefusal(refusal != null ? refusal
                : new Refusal(request.getRestOperationType(), request.getResourceName(), false, request.getOperation()));
        List<String> granted = scopesOf(request).granted();
        String message = needed.sentence() + ". The access token grants: "
                + (granted.isEmpty() ? "no scopes" : String.join(" ", granted));
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.FORBIDDEN).setDiagnostics(message);
        ForbiddenOperationException forbidden = new ForbiddenOperationException(message, outcome);
        if (!needed.scopes().isEmpty()) {
            forbidden.addResponseHeader(BearerChallenge.HEADER, BearerChallenge.insufficientScope(realm, needed.scopes()));
        }
        throw forbidden;
    }

    // ---- HAPI's hooks, for client requests only ---------------------------------------------

    @Override
    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void hookPreShow(RequestDetails request, IPreResourceShowDetails details, Pointcut pointcut) {
        if (fromClient(request)) {
            super.hookPreShow(request, details, pointcut);
        }
    }

    @Override
    @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
    public void hookOutgoingResponse(RequestDetails request, IBaseResource response, Pointcut pointcut) {
        if (fromClient(request)) {
            super.hookOutgoingResponse(request, response, pointcut);
        }
    }

    @Override
    @Hook(Pointcut.STORAGE_CASCADE_DELETE)
    public void hookCascadeDeleteForConflict(RequestDetails request, Pointcut pointcut, IBaseResource toDelete) {
        if (fromClient(request)) {
            super.hookCascadeDeleteForConflict(request, pointcut, toDelete);
        }
    }

    @Override
    @Hook(Pointcut.STORAGE_PRE_DELETE_EXPUNGE)
    public void hookDeleteExpunge(RequestDetails request, Pointcut pointcut) {
        if (fromClient(request)) {
            super.hookDeleteExpunge(request, pointcut);
        }
    }

    @Override
    @Hook(Pointcut.STORAGE_INITIATE_BULK_EXPORT)
    public void initiateBulkExport(RequestDetails request, BulkExportJobParameters options, Pointcut pointcut) {
        if (fromClient(request)) {
            if (!request.getParameters().containsKey("_type")) {
                // "Every type" (no _type) means every type this token may export: HAPI's rule
                // would otherwise refuse an export that lists the audit trail for a research client.
                Set<String> exportable = ScopeRules.exportableTypes(scopesOf(request), fhirContext);
                options.setResourceTypes(options.getResourceTypes().stream().filter(exportable::contains).toList());
            }
            super.initiateBulkExport(request, options, pointcut);
        }
    }

    @Override
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void hookResourcePreCreate(RequestDetails request, IBaseResource resource, Pointcut pointcut) {
        if (writesFor(request)) {
            super.hookResourcePreCreate(request, resource, pointcut);
        }
    }

    @Override
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void hookResourcePreDelete(RequestDetails request, IBaseResource resource, Pointcut pointcut) {
        if (writesFor(request)) {
            super.hookResourcePreDelete(request, resource, pointcut);
        }
    }

    @Override
    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void hookResourcePreUpdate(RequestDetails request, IBaseResource oldResource, IBaseResource newResource,
                                      Pointcut pointcut) {
        if (writesFor(request)) {
            super.hookResourcePreUpdate(request, oldResource, newResource, pointcut);
        }
    }

    /** A request of an HTTP client (also an entry of its batch), not one the server makes itself. */
    private static boolean fromClient(RequestDetails request) {
        return request instanceof ServletRequestDetails;
    }

    /** A client's write; not the rehearsal of one by $validate (always rolled back). */
    private static boolean writesFor(RequestDetails request) {
        return fromClient(request) && !"$validate".equals(request.getOperation());
    }
}
