package org.releasedpn.fhir.conformance;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.HashMap;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.SearchParameter;

/**
 * The SearchParameters of base R4, found by canonical URL ({@code url} or {@code url|4.0.1}). HAPI
 * lists them ({@code fetchAllSearchParameters}) but does not look one up by URL, so the HL7
 * validator does not find them: a CapabilityStatement's search parameter types and a
 * SearchParameter's {@code derivedFrom} went unchecked.
 */
final class BaseSearchParameters implements IValidationSupport {
    private final FhirContext fhirContext;
    private final IValidationSupport base;
    private Map<String, SearchParameter> byCanonical;

    BaseSearchParameters(FhirContext fhirContext, IValidationSupport base) {
        this.fhirContext = fhirContext;
        this.base = base;
    }

    /** Read on first use: most validations never look a SearchParameter up, and the server starts sooner. */
    private synchronized Map<String, SearchParameter> byCanonical() {
        if (byCanonical == null) {
            byCanonical = index(base);
        }
        return byCanonical;
    }

    private static Map<String, SearchParameter> index(IValidationSupport base) {
        Map<String, SearchParameter> byCanonical = new HashMap<>();
        for (IBaseResource resource : base.<IBaseResource>fetchAllSearchParameters()) {
            if (resource instanceof SearchParameter parameter && parameter.hasUrl()) {
                byCanonical.put(parameter.getUrl(), parameter);
                if (parameter.hasVersion()) {
                    byCanonical.put(parameter.getUrl() + "|" + parameter.getVersion(), parameter);
                }
            }
        }
        return byCanonical;
    }

    @Override
    public FhirContext getFhirContext() {
        return fhirContext;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
        return type != null && type.isAssignableFrom(SearchParameter.class) ? (T) byCanonical().get(uri) : null;
    }

    @Override
    public String getName() {
        return "Base R4 SearchParameters by URL";
    }
}
