package org.releasedpn.fhir.audit;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.IPreResourceShowDetails;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import ca.uhn.fhir.util.FhirTerser;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.releasedpn.fhir.conformance.GuidePackages;

/**
 * Puts what clients do into the {@link AuditTrail}:
 * <ul>
 * <li>every resource a client creates, updates (also by patch) or deletes, one event each, also for
 *     each entry of a transaction or batch, stored in the write's own database transaction;</li>
 * <li>every read, search, history or operation that showed stored resources, one event per request
 *     naming each resource shown (includes too) and the patients they belong to;</li>
 * <li>every request HAPI refused or failed, with its status and message.</li>
 * </ul>
 * Reads of conformance resources (profiles, value sets…) are not patient data and not audited; the
 * server's own reads and writes (start-up, the trial rules' look-ups, the audit trail) neither.
 * {@code $validate} in mode create or update rehearses a write and rolls it back: no event.
 */
@Interceptor
public final class AuditedInteractions {
    /** HTTP request attribute: the refusal of this request is in the trail already. */
    static final String REFUSAL_AUDITED = AuditedInteractions.class.getName() + ".refusal";
    private static final String SHOWN = AuditedInteractions.class.getName() + ".shown";
    private static final Set<RestOperationTypeEnum> READS = EnumSet.of(RestOperationTypeEnum.READ,
            RestOperationTypeEnum.VREAD, RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
            RestOperationTypeEnum.GET_PAGE, RestOperationTypeEnum.HISTORY_INSTANCE, RestOperationTypeEnum.HISTORY_TYPE,
            RestOperationTypeEnum.HISTORY_SYSTEM, RestOperationTypeEnum.EXTENDED_OPERATION_SERVER,
            RestOperationTypeEnum.EXTENDED_OPERATION_TYPE, RestOperationTypeEnum.EXTENDED_OPERATION_INSTANCE);

    private final FhirContext fhirContext;
    private final AuditTrail trail;

    public AuditedInteractions(FhirContext fhirContext, AuditTrail trail) {
        this.fhirContext = fhirContext;
        this.trail = trail;
    }

    // ---- writes: in the write's transaction --------------------------------------------------

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource, RequestDetails request) {
        written(resource, request, BalpProfileEnum.BASIC_CREATE, RestOperationTypeEnum.CREATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        written(resource, request, BalpProfileEnum.BASIC_UPDATE, RestOperationTypeEnum.UPDATE);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource, RequestDetails request) {
        written(resource, request, BalpProfileEnum.BASIC_DELETE, RestOperationTypeEnum.DELETE);
    }

    private void written(IBaseResource resource, RequestDetails request, BalpProfileEnum profile,
                         RestOperationTypeEnum interaction) {
        if (!(request instanceof ServletRequestDetails client) || "$validate".equals(request.getOperation())) {
            return;
        }
        // A PATCH is stored as an update; within a transaction or batch, the entry's own interaction.
        RestOperationTypeEnum asked = request.getRestOperationType();
        String code = AuditEvents.interactionCode(asked == RestOperationTypeEnum.PATCH ? asked : interaction);
        String written = versionedId(resource);
        trail.withCurrentTransaction(profile.getAction().toCode() + " " + written, () -> trail.events().write(
                AuditedRequest.of(client.getServletRequest()), profile, code, written, patientsOf(List.of(resource))));
    }

    // ---- reads: soon after the answer ---------------------------------------------------------

    @Hook(Pointcut.STORAGE_PRESHOW_RESOURCES)
    public void shown(IPreResourceShowDetails details, RequestDetails request) {
        if (!(request instanceof ServletRequestDetails) || !READS.contains(request.getRestOperationType())) {
            return;
        }
        // Keyed by version: HAPI may show the same resources to this interceptor twice (see AuditTrail).
        @SuppressWarnings("unchecked")
        Map<String, IBaseResource> shown = (Map<String, IBaseResource>) request.getUserData()
                .computeIfAbsent(SHOWN, key -> new LinkedHashMap<>());
        for (IBaseResource resource : details.getAllResources()) {
            if (resource != null && !GuidePackages.CONFORMANCE_TYPES.contains(fhirContext.getResourceType(resource))) {
                shown.putIfAbsent(versionedId(resource), resource);
            }
        }
    }

    @Hook(Pointcut.SERVER_PROCESSING_COMPLETED_NORMALLY)
    public void answered(RequestDetails request) {
        @SuppressWarnings("unchecked")
        Map<String, IBaseResource> shown = (Map<String, IBaseResource>) request.getUserData().get(SHOWN);
        if (!(request instanceof ServletRequestDetails client) || !READS.contains(request.getRestOperationType())) {
            return;
        }
        boolean search = AuditEvents.isQuery(request.getRestOperationType());
        boolean conformance = request.getResourceName() != null
                && GuidePackages.CONFORMANCE_TYPES.contains(request.getResourceName());
        // A search is a read of what matched, also when nothing did; other reads only when they showed a record.
        if (conformance || (!search && (shown == null || shown.isEmpty()))) {
            return;
        }
        Map<String, IBaseResource> resources = shown == null ? Map.of() : shown;
        trail.soon(trail.events().read(AuditedRequest.of(client.getServletRequest()), request.getRestOperationType(),
                resources.keySet(), patientsOf(List.copyOf(resources.values()))));
    }

    // ---- refusals -----------------------------------------------------------------------------

    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean refused(RequestDetails request, BaseServerResponseException exception) {
        if (request instanceof ServletRequestDetails client && client.getServletRequest() != null) {
            client.getServletRequest().setAttribute(REFUSAL_AUDITED, Boolean.TRUE);
            trail.soon(trail.events().refusal(AuditedRequest.of(client.getServletRequest()), request.getRestOperationType(),
                    exception.getStatusCode(), exception.getMessage()));
        }
        return true;
    }

    private String versionedId(IBaseResource resource) {
        IIdType id = resource.getIdElement();
        String type = id.hasResourceType() ? id.getResourceType() : fhirContext.getResourceType(resource);
        return id.hasVersionIdPart() ? type + "/" + id.getIdPart() + "/_history/" + id.getVersionIdPart()
                : type + "/" + id.getIdPart();
    }

    /** The Patients whose compartment the resources are in (the Patient itself for a Patient). */
    private Set<String> patientsOf(List<IBaseResource> resources) {
        Set<String> patients = new LinkedHashSet<>();
        FhirTerser terser = fhirContext.newTerser();
        for (IBaseResource resource : resources) {
            if ("Patient".equals(fhirContext.getResourceType(resource))) {
                patients.add("Patient/" + resource.getIdElement().getIdPart());
                continue;
            }
            for (IIdType owner : terser.getCompartmentOwnersForResource("Patient", resource, (Set<String>) null)) {
                if (!owner.isAbsolute() && owner.hasIdPart() && "Patient".equals(owner.getResourceType())) {
                    patients.add("Patient/" + owner.getIdPart());
                }
            }
        }
        return patients;
    }
}
