package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;

/** HAPI's storage behaviour, chosen for a research data store fed by hospital EHRs. */
public final class StorageSettingsFactory {
    private StorageSettingsFactory() {
    }

    public static JpaStorageSettings create() {
        JpaStorageSettings settings = new JpaStorageSettings();
        // A research system that searches right after a write must see it: no reuse of cached results.
        settings.setReuseCachedSearchResultsForMillis(null);
        // References must point at stored resources; HAPI answers 400 otherwise (no placeholders).
        settings.setAutoCreatePlaceholderReferenceTargets(false);
        settings.setEnforceReferentialIntegrityOnWrite(true);
        settings.setEnforceReferentialIntegrityOnDelete(true);
        // Missing-field indexes (:missing) cost a row per empty search parameter on every write.
        settings.setIndexMissingFields(JpaStorageSettings.IndexEnabledEnum.DISABLED);
        settings.setAllowMultipleDelete(true);
        // Tags, profiles and security labels stay inside the stored resource and are indexed like any
        // search parameter: a write needs no tag-definition lookup and a search page no separate tag
        // query. (HAPI's default keeps them in tag tables, versioned apart from the resource.)
        settings.setTagStorageMode(JpaStorageSettings.TagStorageModeEnum.INLINE);
        // ValueSets are expanded from the trial's in-memory terminology (TerminologyOperations);
        // HAPI's pre-expansion job needs a Hibernate Search index this server does not keep.
        settings.setPreExpandValueSets(false);
        settings.setEnableTaskPreExpandValueSets(false);
        return settings;
    }
}
