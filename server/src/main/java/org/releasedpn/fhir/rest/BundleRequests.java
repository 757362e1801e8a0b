package org.releasedpn.fhir.rest;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;

/**
 * The requests of a transaction or batch: every entry says what to do (bdl-3: a method and a
 * url), a create or update carries a resource of the type its url names, and each fullUrl is a
 * URI that names one entry (bdl-7). HAPI answered an entry without request with a
 * NullPointerException (500), carried out a Bundle without type as a transaction, stored a
 * Patient sent as {@code POST Observation}, and stored batch entries sharing a fullUrl. Such a
 * Bundle is refused (400); only in a batch, an entry whose resource does not fit its url fails alone.
 */
final class BundleRequests {
    private BundleRequests() {
    }

    static void check(Bundle bundle) {
        if (!bundle.hasType()) {
            throw new InvalidRequestException("Bundle.type is missing: a Bundle sent to the base is a transaction or a batch");
        }
        if (bundle.getType() != Bundle.BundleType.TRANSACTION && bundle.getType() != Bundle.BundleType.BATCH) {
            return; // HAPI refuses other types itself, saying which
        }
        Map<String, Integer> fullUrls = new HashMap<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            checkFullUrl(entry, i, fullUrls);
            String request = "Bundle.entry[" + i + "].request";
            if (!entry.hasRequest() || !entry.getRequest().hasMethod()) {
                throw new InvalidRequestException(request + ".method is missing: every entry of a "
                        + bundle.getType().toCode() + " says what to do with it (bdl-3)");
            }
            if (!entry.getRequest().hasUrl()) {
                throw new InvalidRequestException(request + ".url is missing");
            }
            HTTPVerb method = entry.getRequest().getMethod();
            if (method != HTTPVerb.POST && method != HTTPVerb.PUT) {
                continue;
            }
            if (!entry.hasResource()) {
                throw new InvalidRequestException("Bundle.entry[" + i + "].resource is missing: a " + method.toCode()
                        + " entry carries the resource to store");
            }
            String url = entry.getRequest().getUrl();
            String type = url.split("[/?]", 2)[0];
            if (!url.contains("://") && !type.equals(entry.getResource().fhirType())) {
                String problem = request + ".url '" + url + "' does not name the type of the entry's resource, "
                        + entry.getResource().fhirType();
                if (bundle.getType() == Bundle.BundleType.TRANSACTION) {
                    throw new InvalidRequestException(problem);
                }
                BatchEntries.refuseWhenStored(entry.getResource(), problem);
            }
        }
    }

    /** A fullUrl is a URI (no white space), and names one resource version of the Bundle (bdl-7). */
    private static void checkFullUrl(BundleEntryComponent entry, int i, Map<String, Integer> seen) {
        if (!entry.hasFullUrl()) {
            return;
        }
        String fullUrl = entry.getFullUrl();
        if (fullUrl.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRequestException("Bundle.entry[" + i + "].fullUrl '" + fullUrl + "' is not a URI");
        }
        String version = entry.hasResource() ? entry.getResource().getMeta().getVersionId() : null;
        Integer first = seen.putIfAbsent(fullUrl + "|" + version, i);
        if (first != null) {
            throw new InvalidRequestException("Bundle.entry[" + i + "].fullUrl '" + fullUrl + "' is also the fullUrl of "
                    + "Bundle.entry[" + first + "]: a fullUrl names one resource of the Bundle (bdl-7)");
        }
    }
}
