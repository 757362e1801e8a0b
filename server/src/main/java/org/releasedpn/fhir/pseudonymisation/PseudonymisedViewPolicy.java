package org.releasedpn.fhir.pseudonymisation;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.releasedpn.fhir.security.AccessToken;

/**
 * Who reads the pseudonymised view. It fails safe: with authentication, identified data needs the
 * scope {@value AccessToken#IDENTIFIED_DATA_SCOPE}, and every other token reads the view; without
 * authentication (loopback) data is identified unless the request asks for the view with
 * {@value #HEADER}{@code : }{@value #PSEUDONYMISED}. The header can only ever narrow what a client
 * sees.
 *
 * <p>The view applies to what a client reads (read, vread, search, history, paging, operations);
 * not to the answer of its own write (create, update, patch, delete, a transaction's or batch's
 * writes with {@code Prefer: return=representation}): that answer is what the client sent.
 * A batch's reads are sub-requests of their own and get the view. Only clients' requests get it:
 * the server's own reads (study rules, start-up) need the data as stored.
 */
public final class PseudonymisedViewPolicy {
    public static final String HEADER = "X-Dpn-View";
    public static final String PSEUDONYMISED = "pseudonymised";
    private static final String DECISION = PseudonymisedViewPolicy.class.getName();
    /** Answers to a client's own writes, shown as sent. */
    private static final Set<RestOperationTypeEnum> WRITES = EnumSet.of(RestOperationTypeEnum.CREATE,
            RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE,
            RestOperationTypeEnum.TRANSACTION);

    private final boolean tokensChecked;

    /** @param tokensChecked whether the server requires access tokens (FHIR_AUTH_ISSUER) */
    public PseudonymisedViewPolicy(boolean tokensChecked) {
        this.tokensChecked = tokensChecked;
    }

    /** Whether this client request reads the pseudonymised view (whatever it does). */
    public boolean pseudonymised(RequestDetails request) {
        if (!(request instanceof ServletRequestDetails)) {
            return false;
        }
        return (Boolean) request.getUserData().computeIfAbsent(DECISION, key -> decide(request));
    }

    /**
     * Whether this is a client's read in the pseudonymised view: its answer is masked and it may not
     * search by what the view removes. A write's conditions (PUT Patient?identifier=…) are the EHR's
     * business: it sent the identifier.
     */
    public boolean readsInView(RequestDetails request) {
        return pseudonymised(request) && !WRITES.contains(request.getRestOperationType());
    }

    private boolean decide(RequestDetails request) {
        boolean asked = askedFor(request);
        if (!tokensChecked) {
            return asked;
        }
        // No token on a request that reaches HAPI cannot happen with tokens checked; if it did, the view.
        return asked || AccessToken.of(request).map(token -> !token.mayReadIdentifiedData()).orElse(true);
    }

    private static boolean askedFor(RequestDetails request) {
        String value = request.getHeader(HEADER);
        if (value == null || value.isBlank()) {
            return false;
        }
        String view = value.trim().toLowerCase(Locale.ROOT);
        if (view.equals(PSEUDONYMISED) || view.equals("pseudonymized")) {
            return true;
        }
        throw new InvalidRequestException(HEADER + ": '" + value.trim() + "' is not a view this server knows; the one "
                + "view a request can ask for is '" + PSEUDONYMISED + "' (identified data depends on the access "
                + "token's scope " + AccessToken.IDENTIFIED_DATA_SCOPE + ", never on a header)");
    }
}
