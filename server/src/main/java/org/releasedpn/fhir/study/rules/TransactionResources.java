package org.releasedpn.fhir.study.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    private TransactionResources(List<Bundle.BundleEntryComponent> entries) {
        this.entries = entries;
    }

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
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() == resource) {
                return "entry:" + i;
            }
        }
        String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
        return id == null ? "new:" + System.identityHashCode(resource) : key(id);
    }

    /** The position in the Bundle of a resource being stored, for error locations. */
    java.util.OptionalInt position(IBaseResource resource) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).getResource() == resource) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }

    <T extends Resource> List<T> ofType(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Bundle.BundleEntryComponent entry : entries) {
            if (type.isInstance(entry.getResource())) {
                found.add(type.cast(entry.getResource()));
            }
        }
        return found;
    }

    private java.util.OptionalInt indexOf(String reference) {
        String relative = References.relative(reference);
        for (int i = 0; i < entries.size(); i++) {
            Bundle.BundleEntryComponent entry = entries.get(i);
            if (reference.equals(entry.getFullUrl())) {
                return java.util.OptionalInt.of(i);
            }
            Resource resource = entry.getResource();
            if (resource != null && resource.hasIdElement() && resource.getIdElement().hasIdPart()
                    && relative.equals(resource.fhirType() + "/" + resource.getIdElement().getIdPart())) {
                return java.util.OptionalInt.of(i);
            }
        }
        return java.util.OptionalInt.empty();
    }
}
