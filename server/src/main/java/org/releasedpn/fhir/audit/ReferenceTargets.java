package org.releasedpn.fhir.audit;

import ca.uhn.fhir.jpa.model.dao.JpaPid;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import jakarta.persistence.EntityManager;
import org.springframework.dao.DataAccessException;
import org.springframework.orm.jpa.JpaDialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;

/**
 * Pins the resources that audit events name to the version they had, and hands HAPI their storage
 * ids so that it does not look each one up again. Two things follow: an event can name a resource
 * deleted in the same transaction (HAPI refuses a reference to a deleted resource), and a versioned
 * reference never stands in the way of deleting what it names (HAPI's delete check counts
 * unversioned references only). A reference to a resource not stored here keeps only its text.
 */
final class ReferenceTargets {
    private static final String LOOKUP = "SELECT r.myPid, r.myFhirId, r.myVersion FROM ResourceTable r "
            + "WHERE r.myResourceType = :type AND r.myFhirId IN (:ids)";
    /** Keeps the IN list within what every database accepts as bind parameters. */
    private static final int CHUNK = 500;

    private final EntityManager entityManager;
    private final JpaDialect dialect;

    /** @param dialect translates a failing flush as the commit would have (HAPI's conflict exceptions) */
    ReferenceTargets(EntityManager entityManager, JpaDialect dialect) {
        this.entityManager = entityManager;
        this.dialect = dialect;
    }

    /**
     * What this transaction wrote so far is found too. A write the database refuses fails here
     * instead of at the commit, so it is translated the same way (a unique index → 409 with
     * HAPI's words, which the study rules and conditional-write retries recognise).
     */
    private void flush() {
        try {
            entityManager.flush();
        } catch (RuntimeException refused) {
            DataAccessException translated = dialect.translateExceptionIfPossible(refused);
            throw translated != null ? translated : refused;
        }
    }

    /** Inside the transaction that will store the events; returns the details to store them with. */
    TransactionDetails pin(List<AuditEvent> events) {
        Map<String, Map<String, List<Reference>>> byTypeAndId = new HashMap<>();
        for (AuditEvent event : events) {
            event.getEntity().stream().map(AuditEvent.AuditEventEntityComponent::getWhat)
                    .filter(Reference::hasReference)
                    .forEach(what -> {
                        IdType id = new IdType(what.getReference());
                        byTypeAndId.computeIfAbsent(id.getResourceType(), type -> new HashMap<>())
                                .computeIfAbsent(id.getIdPart(), key -> new ArrayList<>()).add(what);
                    });
        }
        TransactionDetails details = new TransactionDetails();
        if (byTypeAndId.isEmpty()) {
            return details;
        }
        flush();
        byTypeAndId.forEach((type, references) -> {
            List<String> ids = new ArrayList<>(references.keySet());
            Set<String> found = new HashSet<>();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Object[]> rows = entityManager.createQuery(LOOKUP, Object[].class)
                        .setParameter("type", type)
                        .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + CHUNK)))
                        .getResultList();
                for (Object[] row : rows) {
                    JpaPid pid = (JpaPid) row[0];
                    String id = (String) row[1];
                    long version = ((Number) row[2]).longValue();
                    details.addResolvedResourceId(new IdType(type, id), pid);
                    found.add(id);
                    for (Reference what : references.getOrDefault(id, List.of())) {
                        IdType named = new IdType(what.getReference());
                        if (!named.hasVersionIdPart()) {
                            what.setReference(new IdType(type, id, Long.toString(version)).getValue());
                        }
                    }
                }
            }
            references.keySet().removeAll(found);
            references.values().forEach(unknown -> unknown.forEach(what ->
                    what.setDisplay(what.getReference() + " (not stored on this server)").setReference(null)));
        });
        return details;
    }
}
