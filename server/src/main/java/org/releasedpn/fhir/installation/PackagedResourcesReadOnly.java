package org.releasedpn.fhir.installation;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.conformance.GuidePackage;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * What the server installed from FHIR packages (the trial's, and the operator's guides) changes
 * only with a new package: over REST such a resource can be read and searched, never created,
 * changed or deleted (also not inside a transaction), and no other resource may take its
 * canonical URL or a URL in the trial's namespace. Every other conformance resource is the
 * clients' to write. The package installer writes with a system request, which this lets through.
 */
@Interceptor
public final class PackagedResourcesReadOnly {
    private final Map<String, String> packageById = new HashMap<>();
    private final Map<String, String> packageByUrl = new HashMap<>();

    public PackagedResourcesReadOnly(ConformancePackage trialPackage, List<GuidePackage> guides) {
        String trialLabel = trialPackage.name() + "#" + trialPackage.version();
        trialPackage.resources().forEach(resource -> remember(resource, trialLabel));
        guides.forEach(guide -> guide.resources().forEach(resource -> remember(resource, guide.label())));
    }

    // Before validation (order): a resource that may not be written is refused for that, not for its content.
    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = -50)
    public void beforeCreate(IBaseResource resource, RequestDetails request) {
        refuseFromClients(resource, request, "created");
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, order = -50)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource, RequestDetails request) {
        refuseFromClients(resource, request, "changed");
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_DELETED)
    public void beforeDelete(IBaseResource resource, RequestDetails request) {
        refuseFromClients(resource, request, "deleted");
    }

    private void refuseFromClients(IBaseResource resource, RequestDetails request, String what) {
        if (!(request instanceof ServletRequestDetails)) {
            return;
        }
        String id = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
        String label = packageById.get(id);
        if (label != null) {
            throw new MethodNotAllowedException(id + " was installed from the FHIR package " + label
                    + "; it cannot be " + what + " over REST. Install a new version of the package instead.");
        }
        String url = resource instanceof MetadataResource metadata ? metadata.getUrl() : null;
        if (url == null || what.equals("deleted")) {
            return;
        }
        label = packageByUrl.get(url);
        if (label != null) {
            throw new MethodNotAllowedException(resource.fhirType() + " " + url + " is defined by the FHIR package "
                    + label + " installed on this server; another resource cannot take its URL.");
        }
        if (TrialCanonicals.isTrialCanonical(url)) {
            throw new MethodNotAllowedException(url + " is in the trial's namespace (" + TrialCanonicals.BASE
                    + "), which only the trial's FHIR package defines; use a URL of your own.");
        }
    }

    private void remember(IBaseResource resource, String label) {
        packageById.put(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), label);
        if (resource instanceof MetadataResource metadata && metadata.hasUrl()) {
            packageByUrl.put(metadata.getUrl(), label);
        }
    }
}
