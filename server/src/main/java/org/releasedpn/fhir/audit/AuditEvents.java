package org.releasedpn.fhir.audit;

import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.storage.interceptor.balp.BalpConstants;
import ca.uhn.fhir.storage.interceptor.balp.BalpProfileEnum;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAction;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventOutcome;
import org.hl7.fhir.r4.model.Coding;

/**
 * Builds the server's AuditEvents, shaped after IHE Basic Audit Log Patterns (BALP): type {@code rest}
 * with the RESTful interaction as subtype, the client (and the user it acts for) and this server as
 * agents, and as entities the resources read or written (each at its version), the patients they
 * belong to, and the query. The profiles are not claimed in {@code meta.profile}: the server does not
 * validate its events against BALP.
 */
final class AuditEvents {
    static final String OBSERVER = "RELEASE-DPN FHIR server";
    private static final String SECURITY_SOURCE_TYPE = "http://terminology.hl7.org/CodeSystem/security-source-type";
    private static final String PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
    private static final String BALP_ENTITY_TYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/BasicAuditEntityType";
    private static final int MAX_DESCRIPTION = 1000;

    /** The OpenID issuer: the namespace of client ids and subjects; a local one without authentication. */
    private final String identitySystem;

    AuditEvents(Optional<String> issuer) {
        this.identitySystem = issuer.orElse("urn:release-dpn:no-authentication");
    }

    /** A resource created, updated or deleted, with the patients it belongs to. */
    AuditEvent write(AuditedRequest request, BalpProfileEnum profile, String interaction, String resource,
                     Collection<String> patients) {
        AuditEvent event = common(request, profile, interaction, AuditEventOutcome._0, null);
        addData(event, resource);
        patients.forEach(patient -> addPatient(event, patient));
        return event;
    }

    /** Resources shown to the client: a read, a search (with its query), a history, an operation's answer. */
    AuditEvent read(AuditedRequest request, RestOperationTypeEnum interaction, Collection<String> resources,
                    Collection<String> patients) {
        boolean query = isQuery(interaction);
        BalpProfileEnum profile = query ? BalpProfileEnum.BASIC_QUERY : BalpProfileEnum.BASIC_READ;
        AuditEvent event = common(request, profile, interactionCode(interaction), AuditEventOutcome._0, null);
        if (query) {
            addQuery(event, request);
        }
        resources.forEach(resource -> addData(event, resource));
        patients.forEach(patient -> addPatient(event, patient));
        return event;
    }

    /**
     * A request the server refused or failed: its HTTP status decides the outcome (4xx minor failure,
     * 5xx serious failure); the interaction is null when the request was refused before it was routed.
     */
    AuditEvent refusal(AuditedRequest request, RestOperationTypeEnum interaction, int status, String reason) {
        BalpProfileEnum profile = profileOf(interaction, request.method());
        AuditEventOutcome outcome = status >= 500 ? AuditEventOutcome._8 : AuditEventOutcome._4;
        String description = "HTTP " + status + (reason == null || reason.isBlank() ? "" : ": " + reason);
        AuditEvent event = common(request, profile, interaction == null ? null : interactionCode(interaction), outcome,
                description.length() > MAX_DESCRIPTION ? description.substring(0, MAX_DESCRIPTION) + "…" : description);
        addQuery(event, request);
        return event;
    }

    private AuditEvent common(AuditedRequest request, BalpProfileEnum profile, String interaction,
                              AuditEventOutcome outcome, String outcomeDescription) {
        AuditEvent event = new AuditEvent();
        event.getType().setSystem(BalpConstants.CS_AUDIT_EVENT_TYPE).setCode("rest").setDisplay("Restful Operation");
        if (interaction != null) {
            event.addSubtype().setSystem(BalpConstants.CS_RESTFUL_INTERACTION).setCode(interaction);
        }
        event.setAction(profile.getAction());
        event.setRecorded(new Date());
        event.setOutcome(outcome);
        event.setOutcomeDesc(outcomeDescription);
        event.getSource().setSite(request.server()).getObserver().setDisplay(OBSERVER);
        event.getSource().addType(new Coding(SECURITY_SOURCE_TYPE, "4", "Application Server"));

        boolean onBehalfOfUser = request.user().isPresent();
        AuditEventAgentComponent client = event.addAgent();
        client.getType().addCoding(profile.getAgentClientTypeCoding());
        client.getWho().getIdentifier().setSystem(identitySystem).setValue(request.client());
        client.getWho().setDisplay(request.client());
        client.setName(request.client());
        client.getNetwork().setAddress(request.address()).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);
        client.setRequestor(!onBehalfOfUser);
        request.user().ifPresent(subject -> {
            AuditEventAgentComponent user = event.addAgent();
            user.getType().addCoding(new Coding(PARTICIPATION_TYPE, "IRCP", "information recipient"));
            user.getWho().getIdentifier().setSystem(identitySystem).setValue(subject);
            user.setName(subject);
            user.setRequestor(true);
        });
        AuditEventAgentComponent server = event.addAgent();
        server.getType().addCoding(profile.getAgentServerTypeCoding());
        server.getWho().setDisplay(OBSERVER);
        server.getNetwork().setAddress(request.server()).setType(BalpConstants.AUDIT_EVENT_AGENT_NETWORK_TYPE_IP_ADDRESS);
        server.setRequestor(false);

        request.requestId().ifPresent(id -> {
            AuditEventEntityComponent transaction = event.addEntity();
            transaction.getType().setSystem(BALP_ENTITY_TYPE).setCode("XrequestId");
            transaction.getWhat().getIdentifier().setValue(id);
        });
        return event;
    }

    private static void addData(AuditEvent event, String resource) {
        entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY,
                BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE, BalpConstants.CS_OBJECT_ROLE_4_DOMAIN_RESOURCE_DISPLAY)
                .getWhat().setReference(resource);
    }

    private static void addPatient(AuditEvent event, String patient) {
        entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON, BalpConstants.CS_AUDIT_ENTITY_TYPE_1_PERSON_DISPLAY,
                BalpConstants.CS_OBJECT_ROLE_1_PATIENT, BalpConstants.CS_OBJECT_ROLE_1_PATIENT_DISPLAY)
                .getWhat().setReference(patient);
    }

    private static void addQuery(AuditEvent event, AuditedRequest request) {
        entity(event, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT, BalpConstants.CS_AUDIT_ENTITY_TYPE_2_SYSTEM_OBJECT_DISPLAY,
                BalpConstants.CS_OBJECT_ROLE_24_QUERY, "Query")
                .setDescription(request.method() + " " + request.url())
                .setQuery(request.url().getBytes(StandardCharsets.UTF_8));
    }

    /** An entity of the type (audit-entity-type) in the role (object-role). */
    private static AuditEventEntityComponent entity(AuditEvent event, String type, String typeDisplay, String role,
                                                    String roleDisplay) {
        AuditEventEntityComponent entity = event.addEntity();
        entity.getType().setSystem(BalpConstants.CS_AUDIT_ENTITY_TYPE).setCode(type).setDisplay(typeDisplay);
        entity.getRole().setSystem(BalpConstants.CS_OBJECT_ROLE).setCode(role).setDisplay(roleDisplay);
        return entity;
    }

    static boolean isQuery(RestOperationTypeEnum interaction) {
        return switch (interaction) {
            case SEARCH_TYPE, SEARCH_SYSTEM, GET_PAGE -> true;
            default -> false;
        };
    }

    /** The code in http://hl7.org/fhir/restful-interaction; HAPI's own names where they differ. */
    static String interactionCode(RestOperationTypeEnum interaction) {
        return switch (interaction) {
            case GET_PAGE -> "search-type";
            case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> "operation";
            case METADATA -> "capabilities";
            default -> interaction.getCode();
        };
    }

    /** BALP's profile for what the request was (or would have been): it gives the action and agent roles. */
    private static BalpProfileEnum profileOf(RestOperationTypeEnum interaction, String method) {
        if (interaction == null) {
            return switch (method) {
                case "PUT", "PATCH" -> BalpProfileEnum.BASIC_UPDATE;
                case "DELETE" -> BalpProfileEnum.BASIC_DELETE;
                case "POST" -> BalpProfileEnum.BASIC_CREATE;
                default -> BalpProfileEnum.BASIC_READ;
            };
        }
        return switch (interaction) {
            case CREATE -> BalpProfileEnum.BASIC_CREATE;
            case UPDATE, PATCH -> BalpProfileEnum.BASIC_UPDATE;
            case DELETE -> BalpProfileEnum.BASIC_DELETE;
            case READ, VREAD, HISTORY_INSTANCE, HISTORY_TYPE, HISTORY_SYSTEM -> BalpProfileEnum.BASIC_READ;
            default -> BalpProfileEnum.BASIC_QUERY; // searches, transactions, batches, operations: action E
        };
    }
}
