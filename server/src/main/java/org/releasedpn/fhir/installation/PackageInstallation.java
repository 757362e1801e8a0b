package org.releasedpn.fhir.installation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.model.util.JpaConstants;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.SearchParameter;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.conformance.GuidePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the trial's FHIR package into the database: its StructureDefinitions, CodeSystems,
 * ValueSets and SearchParameters become readable at their own ids
 * ({@code StructureDefinition/dpn-tcss}), and the search parameters become searchable.
 *
 * <p>A resource whose stored version equals the package's is left alone, so a restart installs
 * nothing and an upgraded package updates in place. (HAPI's package installer would give the
 * resources server-assigned ids instead of the package's.)
 */
public final class PackageInstallation {
    private static final Logger log = LoggerFactory.getLogger(PackageInstallation.class);

    private final DaoRegistry daos;
    private final ISearchParamRegistry searchParameters;

    public PackageInstallation(DaoRegistry daos, ISearchParamRegistry searchParameters) {
        this.daos = daos;
        this.searchParameters = searchParameters;
    }

    /** @return how many resources were written (0 when this version is already installed) */
    public int installIfNew(ConformancePackage conformancePackage) {
        int written = installIfNew(conformancePackage.resources());
        if (written > 0) {
            log.info("Installed {} resources of FHIR package {}#{}", written, conformancePackage.name(),
                    conformancePackage.version());
        } else {
            log.info("FHIR package {}#{} is already installed", conformancePackage.name(), conformancePackage.version());
        }
        return written;
    }

    /**
     * An operator's implementation guide (FHIR_PACKAGES): installed like the trial's package, at the
     * package's own ids. A package whose last resource is stored in its version was installed
     * completely before, so a restart reads one resource per package instead of every one.
     */
    public int installIfNew(GuidePackage guide) {
        List<IBaseResource> resources = guide.resources();
        if (resources.isEmpty() || isInstalled(resources.get(resources.size() - 1))) {
            log.info("FHIR package {} is already installed", guide.label());
            return 0;
        }
        long start = System.nanoTime();
        int written = installIfNew(resources);
        log.info("Installed {} resources of FHIR package {} in {} ms", written, guide.label(),
                (System.nanoTime() - start) / 1_000_000);
        return written;
    }

    /** Installs each resource whose version is not stored yet; @return how many were written. */
    public int installIfNew(List<? extends IBaseResource> resources) {
        SystemRequestDetails request = new SystemRequestDetails();
        int written = 0;
        boolean searchParameterWritten = false;
        for (IBaseResource resource : resources) {
            IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(resource.fhirType());
            Optional<IBaseResource> stored = stored(dao, resource, request);
            if (stored.isPresent() && Objects.equals(versionOf(stored.get()), versionOf(resource))) {
                continue;
            }
            if (stored.isPresent() && urlOf(stored.get()) != null && !urlOf(stored.get()).equals(urlOf(resource))) {
                // Two guides may use one id for different resources: the first keeps it; the other
                // is still used by validation (it is in memory), it is just not readable at that id.
                log.warn("Not installing {} ({}): that id already holds {}",
                        resource.getIdElement().toUnqualifiedVersionless(), urlOf(resource), urlOf(stored.get()));
                continue;
            }
            dao.update(resource, requestFor(resource));
            written++;
            searchParameterWritten |= resource instanceof SearchParameter;
        }
        if (searchParameterWritten) {
            // Skipping the reindex also skips HAPI's registry refresh: the parameters must be usable now.
            searchParameters.forceRefresh();
        }
        return written;
    }

    /**
     * A new or changed SearchParameter makes HAPI start a reindex job over its base types. With no
     * resource of those types stored (a first start) there is nothing to reindex, and the job would
     * only run later over the data that arrives meanwhile, competing with the EHRs' writes.
     */
    private SystemRequestDetails requestFor(IBaseResource resource) {
        SystemRequestDetails request = new SystemRequestDetails();
        if (resource instanceof SearchParameter parameter && parameter.getBase().stream()
                .noneMatch(base -> hasStored(base.getCode(), request))) {
            request.getUserData().put(JpaConstants.SKIP_REINDEX_ON_UPDATE, Boolean.TRUE);
        }
        return request;
    }

    private boolean hasStored(String resourceType, SystemRequestDetails request) {
        SearchParameterMap any = SearchParameterMap.newSynchronous();
        any.setLoadSynchronousUpTo(1);
        return !daos.getResourceDao(resourceType).searchForIds(any, request).isEmpty();
    }

    private boolean isInstalled(IBaseResource resource) {
        IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(resource.fhirType());
        return stored(dao, resource, new SystemRequestDetails())
                .filter(stored -> Objects.equals(versionOf(stored), versionOf(resource))).isPresent();
    }

    private static Optional<IBaseResource> stored(IFhirResourceDao<IBaseResource> dao, IBaseResource resource,
                                                  SystemRequestDetails request) {
        try {
            return Optional.of(dao.read(resource.getIdElement().toUnqualifiedVersionless(), request));
        } catch (ResourceNotFoundException | ResourceGoneException absent) {
            return Optional.empty();
        }
    }

    private static String urlOf(IBaseResource resource) {
        return resource instanceof MetadataResource metadata ? metadata.getUrl() : null;
    }

    private static String versionOf(IBaseResource resource) {
        return resource instanceof MetadataResource metadata ? metadata.getVersion() : null;
    }
}
