package org.releasedpn.fhir.installation;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.MetadataResource;
import org.releasedpn.fhir.conformance.ConformancePackage;
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

    public PackageInstallation(DaoRegistry daos) {
        this.daos = daos;
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

    /** Installs each resource whose version is not stored yet; @return how many were written. */
    public int installIfNew(List<? extends IBaseResource> resources) {
        SystemRequestDetails request = new SystemRequestDetails();
        int written = 0;
        for (IBaseResource resource : resources) {
            IFhirResourceDao<IBaseResource> dao = daos.getResourceDao(resource.fhirType());
            if (!isInstalled(dao, resource, request)) {
                dao.update(resource, request);
                written++;
            }
        }
        return written;
    }

    private static boolean isInstalled(IFhirResourceDao<IBaseResource> dao, IBaseResource resource,
                                       SystemRequestDetails request) {
        try {
            IBaseResource stored = dao.read(resource.getIdElement().toUnqualifiedVersionless(), request);
            return Objects.equals(versionOf(stored), versionOf(resource));
        } catch (ResourceNotFoundException | ResourceGoneException absent) {
            return false;
        }
    }

    private static String versionOf(IBaseResource resource) {
        return resource instanceof MetadataResource metadata ? metadata.getVersion() : null;
    }
}
