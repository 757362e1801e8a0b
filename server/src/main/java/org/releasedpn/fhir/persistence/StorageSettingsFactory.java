package org.releasedpn.fhir.persistence;

import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import org.releasedpn.fhir.config.ExportSettings;
import org.releasedpn.fhir.config.RequestLimitSettings;

/** HAPI's storage behaviour, chosen for a research data store fed by hospital EHRs. */
public final class StorageSettingsFactory {
    private StorageSettingsFactory() {
    }

    /** The most resources one page of search results, or one search inside a Bundle, loads. */
    public static final int MAX_PAGE_SIZE = 1000;

    public static JpaStorageSettings create(RequestLimitSettings limits, ExportSettings export) {
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
        // Bounded cost per request: a conditional delete matching more is refused (412, HAPI-2496),
        // _include/_revinclude add at most a page's worth, and a search inside a transaction or
        // batch loads at most a page instead of every match.
        settings.setRestDeleteByUrlResourceIdThreshold(limits.maxDeleteMatches());
        settings.setMaximumIncludesToLoadPerPage(MAX_PAGE_SIZE);
        settings.setMaximumSearchResultCountInTransaction(MAX_PAGE_SIZE);
        // Tags, profiles and security labels stay inside the stored resource and are indexed like any
        // search parameter: a write needs no tag-definition lookup and a search page no separate tag
        // query. (HAPI's default keeps them in tag tables, versioned apart from the resource.)
        settings.setTagStorageMode(JpaStorageSettings.TagStorageModeEnum.INLINE);
        // ValueSets are expanded from the trial's in-memory terminology (TerminologyOperations);
        // HAPI's pre-expansion job needs a Hibernate Search index this server does not keep.
        settings.setPreExpandValueSets(false);
        settings.setEnableTaskPreExpandValueSets(false);
        bulkExport(settings, export);
        return settings;
    }

    /** The Bulk Data $export (HAPI's Batch2 job, files stored as Binary resources). */
    private static void bulkExport(JpaStorageSettings settings, ExportSettings export) {
        settings.setEnableTaskBulkExportJobExecution(true);
        // HAPI's hourly pass removes the files (and then the job) of exports that ended longer ago.
        settings.setBulkExportFileRetentionPeriodHours(export.fileRetentionHours());
        // HAPI would answer a second identical kick-off with the first job's files, whoever asked
        // for them and in whichever view: each client's export is its own.
        settings.setEnableBulkExportJobReuse(false);
    }
}
