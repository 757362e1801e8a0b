package org.releasedpn.fhir.guides;

import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.context.support.ValidationSupportContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.StructureDefinition;

/**
 * A StructureDefinition stored without a snapshot (a differential, as profile authors write them)
 * gets one generated before it is stored, from the definitions the validator has, so that every
 * client reading it, and every validation using it, sees the complete profile. One whose snapshot
 * cannot be generated (e.g. its base is unknown) is refused with the generator's reason.
 */
@Interceptor
public final class StructureDefinitionSnapshots {
    private final IValidationSupport definitions;

    public StructureDefinitionSnapshots(IValidationSupport definitions) {
        this.definitions = definitions;
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED)
    public void beforeCreate(IBaseResource resource) {
        complete(resource);
    }

    @Hook(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED)
    public void beforeUpdate(IBaseResource previous, IBaseResource resource) {
        complete(resource);
    }

    private void complete(IBaseResource resource) {
        if (!(resource instanceof StructureDefinition profile) || profile.hasSnapshot() || !profile.hasDifferential()) {
            return;
        }
        IBaseResource generated;
        try {
            generated = definitions.generateSnapshot(new ValidationSupportContext(definitions), profile.copy(),
                    profile.getUrl(), null, profile.getName());
        } catch (RuntimeException e) {
            throw refused(profile, e.getMessage());
        }
        if (!(generated instanceof StructureDefinition withSnapshot) || !withSnapshot.hasSnapshot()) {
            throw refused(profile, "its base definition " + profile.getBaseDefinition() + " is not known here");
        }
        profile.setSnapshot(withSnapshot.getSnapshot());
    }

    private static UnprocessableEntityException refused(StructureDefinition profile, String reason) {
        return new UnprocessableEntityException("StructureDefinition " + profile.getUrl()
                + " has no snapshot, and none could be generated: " + reason);
    }
}
