package org.releasedpn.fhir.study.rules;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * The resources of the transaction being stored, so that the rules see the whole Bundle (contract
 * section 5: a ResearchSubject created in the Bundle counts for the Observations in it). A
 * reference may name an entry by its {@code fullUrl} (urn:uuid) or, once HAPI has stored it, by
 * its id; both lead to the same entry.
 */
final class TransactionResources {
    static final TransactionResources NONE = new TransactionResources(List.of());

    private final List<Bundle.BundleEntryComponent> entries;
    // Indexes built once, so that each of a large Bundle's entries finds the others in constant
    // time: scanning the Bundle for every reference made a 10,000-entry transaction quadratic.
    private final Map<String, Integer> byFullUrl = new HashMap<>();
    private final Map<String, Integer> byId = new HashMap<>();
    private final Map<IBaseResource, Integer> byIdentity = new IdentityHashMap<>();
    private final Map<Class<?>, List<?>> byType = new HashMap<>();

    private TransactionResources(List<Bundle.BundleEntryComponent> entries) {
        this.entries = entries;
        for (int i = entries.size() - 1; i >= 0; i--) { // backwards: the first of duplicates wins
            Bundle.BundleEntryComponent entry = entries.get(i);
            if (entry.hasFullUrl()) {
                byFullUrl.put(entry.getFullUrl(), i);
            }
            Resource resource = entry.getResource();
            if (resource != null) {
                byIdentity.put(resource, i);
                if (resource.hasIdElement() && resource.getIdElement().hasIdPart()) {
                    byId.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), i);
                }
            }
        }
    }

    /**
     * The entries as they are now: an entry's id, once HAPI has stored it, is found too. Made
     * for each check, and once for all the entries of a transaction checked before storage.
     */
    static TransactionResources of(Bundle transaction) {
        return new TransactionResources(transaction.getEntry());
    }

    /** The entry a reference names, if it names one of this transaction's resources. */
    Optional<Resource> resolve(String reference) {
        return indexOf(reference).stream().mapToObj(i -> entries.get(i).getResource()).findFirst();
    }

    /** A key equal for every way of referring to the same resource (fullUrl, id, stored id). */
    String key(String reference) {
        int index = indexOf(reference).orElse(-1);
        return index >= 0 ? "entry:" + index : References.relative(reference);
    }

    String key(IBaseResource resource) {
        Integer position = byIdentity.get(resource);
        if (position != null) {
            return "entry:" + position;
        }
        String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
        return id == null ? "new:" + System.identityHashCode(resource) : key(id);
    }

    /** The position in the Bundle of a resource being stored, for error locations. */
    OptionalInt position(IBaseResource resource) {
        Integer position = byIdentity.get(resource);
        return position == null ? OptionalInt.empty() : OptionalInt.of(position);
    }

    @SuppressWarnings("unchecked")
    <T extends Resource> List<T> ofType(Class<T> type) {
        return (List<T>) byType.computeIfAbsent(type, t -> entries.stream()
                .map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance).map(type::cast).toList());
    }

    private OptionalInt indexOf(String reference) {
        Integer byUrl = byFullUrl.get(reference);
        Integer byStoredId = byId.get(References.relative(reference));
        if (byUrl == null && byStoredId == null) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(Math.min(byUrl == null ? Integer.MAX_VALUE : byUrl,
                byStoredId == null ? Integer.MAX_VALUE : byStoredId));
    }
}
