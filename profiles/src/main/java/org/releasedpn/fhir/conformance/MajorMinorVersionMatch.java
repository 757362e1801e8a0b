package org.releasedpn.fhir.conformance;

import ca.uhn.fhir.context.support.IValidationSupport;
import java.util.regex.Pattern;
import org.hl7.fhir.common.hapi.validation.support.BaseValidationSupportWrapper;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;

/**
 * Looks a canonical up by {@code url|major.minor} as FHIR's canonical matching does: a reference to
 * version {@code 0.2} means the current patch release of 0.2 (e.g. 0.2.1). HAPI's lookup matches
 * the version exactly, so a claim {@code …|0.2} of a stored profile 0.2.1 would be an unknown
 * profile and the resource would not be checked against it. A full version is still matched
 * exactly, by the wrapped module.
 */
final class MajorMinorVersionMatch extends BaseValidationSupportWrapper {
    private static final Pattern MAJOR_MINOR = Pattern.compile("\\d+\\.\\d+");

    private final IValidationSupport wrapped;

    MajorMinorVersionMatch(IValidationSupport wrapped) {
        super(wrapped.getFhirContext(), wrapped);
        this.wrapped = wrapped;
    }

    @Override
    public String getName() {
        return wrapped.getName();
    }

    /** The wrapped module's caches (HAPI's lookup of stored definitions has one) must still be cleared. */
    @Override
    public void invalidateCaches() {
        wrapped.invalidateCaches();
    }

    @Override
    public <T extends IBaseResource> T fetchResource(Class<T> type, String uri) {
        T exact = super.fetchResource(type, uri);
        return exact != null || majorMinor(uri) == null ? exact
                : currentPatch(majorMinor(uri), super.fetchResource(type, uri.substring(0, uri.lastIndexOf('|'))));
    }

    @Override
    public IBaseResource fetchStructureDefinition(String url) {
        IBaseResource exact = super.fetchStructureDefinition(url);
        return exact != null || majorMinor(url) == null ? exact
                : currentPatch(majorMinor(url), super.fetchStructureDefinition(url.substring(0, url.lastIndexOf('|'))));
    }

    /** The version after the '|' when it is major.minor only, else null. */
    private static String majorMinor(String uri) {
        int bar = uri == null ? -1 : uri.lastIndexOf('|');
        return bar >= 0 && MAJOR_MINOR.matcher(uri.substring(bar + 1)).matches() ? uri.substring(bar + 1) : null;
    }

    /** The newest stored resource of the URL, when its version is a patch release of majorMinor. */
    private static <T extends IBaseResource> T currentPatch(String majorMinor, T newest) {
        return newest instanceof MetadataResource canonical && canonical.getVersion() != null
                && canonical.getVersion().startsWith(majorMinor + ".") ? newest : null;
    }
}
