package org.releasedpn.fhir.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Bulk Data {@code $export}'s files: how long a finished export's files stay downloadable.
 * HAPI counts the retention in whole hours from the end of the job and removes expired exports
 * (the files, then the job) in a pass once an hour, so files go between the retention and an hour
 * after it.
 *
 * @param fileRetention FHIR_EXPORT_RETENTION_HOURS: hours a finished export's files are kept
 */
public record ExportSettings(Duration fileRetention) {
    /** A research system downloads its files within a working day; HAPI's default is 2 hours. */
    public static final int DEFAULT_RETENTION_HOURS = 24;
    /**
     * HAPI's Batch2 forgets a finished job after 7 days; files kept longer would have no job left
     * that names them, and would never be removed.
     */
    public static final int MAX_RETENTION_HOURS = 7 * 24;

    static ExportSettings from(EnvironmentReader reader) {
        return new ExportSettings(Duration.ofHours(reader.integer("FHIR_EXPORT_RETENTION_HOURS",
                DEFAULT_RETENTION_HOURS, 1, MAX_RETENTION_HOURS)));
    }

    /** What HAPI's storage settings take: whole hours. */
    public int fileRetentionHours() {
        return Math.toIntExact(fileRetention.toHours());
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_EXPORT_RETENTION_HOURS", Integer.toString(fileRetentionHours()));
        return shown;
    }
}
