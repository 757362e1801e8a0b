package org.releasedpn.fhir.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.releasedpn.fhir.conformance.GuidePackages;

/**
 * The scopes of one access token, read as SMART App Launch 2.0 system scopes, and what they allow.
 *
 * <ul>
 * <li>{@code system/<Type>.<cruds>} (SMART v2; letters in that order) and {@code system/<Type>.read},
 *     {@code .write}, {@code .*} (SMART v1: read = rs, write = cud, * = cruds); {@code <Type>} is
 *     a resource type or {@code *}. {@code *} covers every type except {@link #NAMED_ONLY}.</li>
 * <li>{@value #VALIDATE}: {@code $validate} and the terminology operations ({@code $expand},
 *     {@code $lookup}, {@code $validate-code}); {@code $validate} of a stored resource also needs
 *     read of its type.</li>
 * <li>{@value #ADMINISTRATION}: needed besides the write scope for writes to {@link #ADMINISTERED}
 *     types; allows {@code $import-ctgov} and the server's other operations. It grants no
 *     interaction by itself.</li>
 * <li>{@value #IDENTIFIED}: what the client reads is identified data; without it every read is the
 *     pseudonymised view ({@code pseudonymisation} package). It grants no interaction by itself.</li>
 * </ul>
 * Anything else (patient/ and user/ scopes, SMART v2 granular scopes with {@code ?}, openid …)
 * grants nothing here.
 */
final class SmartScopes {
    static final String VALIDATE = "dpn/validate";
    static final String ADMINISTRATION = "dpn/admin";
    static final String IDENTIFIED = "dpn/identified";
    /** The audit trail is read only by clients granted it by name, never through a wildcard. */
    static final Set<String> NAMED_ONLY = Set.of("AuditEvent");
    /**
     * What defines the trial and what every validation uses: changing them changes what all
     * clients' data must look like, so they are the administrator's.
     */
    static final Set<String> ADMINISTERED = administered();

    private static final Pattern RESOURCE_SCOPE = Pattern.compile("system/(\\*|[A-Z][A-Za-z]+)\\.(read|write|\\*|c?r?u?d?s?)");

    /** SMART v2 permissions, in their scope order. */
    enum Permission {
        CREATE('c'), READ('r'), UPDATE('u'), DELETE('d'), SEARCH('s');

        final char letter;

        Permission(char letter) {
            this.letter = letter;
        }

        boolean writes() {
            return this == CREATE || this == UPDATE || this == DELETE;
        }
    }

    /** One resource scope: a type, or {@code *}, and what it permits. */
    record Grant(String resourceType, Set<Permission> permissions) {
        boolean wildcard() {
            return "*".equals(resourceType);
        }
    }

    private final List<String> granted;
    private final List<Grant> grants;
    private final boolean validate;
    private final boolean administration;

    private SmartScopes(List<String> granted, List<Grant> grants, boolean validate, boolean administration) {
        this.granted = List.copyOf(granted);
        this.grants = List.copyOf(grants);
        this.validate = validate;
        this.administration = administration;
    }

    /** @param resourceTypes the resource types the server knows; a scope naming another grants nothing */
    static SmartScopes parse(Collection<String> scopes, Set<String> resourceTypes) {
        List<Grant> grants = new ArrayList<>();
        for (String scope : scopes) {
            Matcher matcher = RESOURCE_SCOPE.matcher(scope);
            if (matcher.matches() && !matcher.group(2).isEmpty()
                    && (matcher.group(1).equals("*") || resourceTypes.contains(matcher.group(1)))) {
                grants.add(new Grant(matcher.group(1), permissions(matcher.group(2))));
            }
        }
        return new SmartScopes(List.copyOf(scopes), grants, scopes.contains(VALIDATE), scopes.contains(ADMINISTRATION));
    }

    private static Set<Permission> permissions(String text) {
        return switch (text) {
            case "read" -> EnumSet.of(Permission.READ, Permission.SEARCH);
            case "write" -> EnumSet.of(Permission.CREATE, Permission.UPDATE, Permission.DELETE);
            case "*" -> EnumSet.allOf(Permission.class);
            default -> {
                Set<Permission> permissions = EnumSet.noneOf(Permission.class);
                for (Permission permission : Permission.values()) {
                    if (text.indexOf(permission.letter) >= 0) {
                        permissions.add(permission);
                    }
                }
                yield permissions;
            }
        };
    }

    /** Whether {@code permission} on {@code resourceType} is granted. */
    boolean permits(Permission permission, String resourceType) {
        if (permission.writes() && ADMINISTERED.contains(resourceType) && !administration) {
            return false;
        }
        return grants.stream().anyMatch(grant -> grant.permissions().contains(permission)
                && (grant.resourceType().equals(resourceType)
                        || (grant.wildcard() && !NAMED_ONLY.contains(resourceType))));
    }

    /** The types named in a scope with {@code permission} that it really grants (see {@link #permits}). */
    Set<String> namedTypesWith(Permission permission) {
        Set<String> types = new HashSet<>();
        for (Grant grant : grants) {
            if (!grant.wildcard() && grant.permissions().contains(permission)
                    && permits(permission, grant.resourceType())) {
                types.add(grant.resourceType());
            }
        }
        return types;
    }

    /** Whether a {@code system/*} scope grants {@code permission}. */
    boolean wildcard(Permission permission) {
        return grants.stream().anyMatch(grant -> grant.wildcard() && grant.permissions().contains(permission));
    }

    /** The types a {@code system/*} scope with a write permission does not cover without {@value #ADMINISTRATION}. */
    Set<String> notCoveredByWildcard(Permission permission) {
        Set<String> excluded = new HashSet<>(NAMED_ONLY);
        if (permission.writes() && !administration) {
            excluded.addAll(ADMINISTERED);
        }
        return excluded;
    }

    boolean writes() {
        return grants.stream().anyMatch(grant -> grant.permissions().stream().anyMatch(Permission::writes));
    }

    boolean validate() {
        return validate;
    }

    boolean administration() {
        return administration;
    }

    /** The scopes as the token lists them (also those that grant nothing here), for messages. */
    List<String> granted() {
        return granted;
    }

    private static Set<String> administered() {
        Set<String> types = new HashSet<>(GuidePackages.CONFORMANCE_TYPES);
        types.add("ResearchStudy");
        types.add("Group");
        return Set.copyOf(types);
    }
}
