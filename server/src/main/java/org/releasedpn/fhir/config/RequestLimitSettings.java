package org.releasedpn.fhir.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one request, or one client, may cost the server. Beyond each limit a request is refused
 * up front with a 4xx that names the limit and its variable, instead of being tried and
 * exhausting memory, threads or the database.
 *
 * @param maxRequestBytes          FHIR_MAX_REQUEST_BYTES: largest request body (after un-gzipping); 413
 * @param maxBundleEntries         FHIR_MAX_BUNDLE_ENTRIES: entries in one Bundle (a batch); 413
 * @param maxTransactionEntries    FHIR_MAX_TRANSACTION_ENTRIES: entries in one transaction, which holds them all in
 *                                 memory until it commits; 413
 * @param maxRepetitions           FHIR_MAX_REPETITIONS: items of any one repeating element of a resource
 *                                 (identifiers, names, concepts…); 413
 * @param requestMemoryBytes       FHIR_REQUEST_MEMORY_BYTES: heap that requests with a body may take at once,
 *                                 estimated from their size; a write that would exceed it waits, then gets 429
 * @param queryTimeout             FHIR_QUERY_TIMEOUT_SECONDS: longest time one database statement may run; a
 *                                 search stopped by it is answered 400
 * @param maxDeleteMatches         FHIR_MAX_DELETE_MATCHES: resources one conditional delete may remove; 412
 * @param maxConnectionsPerAddress FHIR_MAX_CONNECTIONS_PER_ADDRESS: open connections from one client address;
 *                                 more are closed at once
 */
public record RequestLimitSettings(
        long maxRequestBytes,
        int maxBundleEntries,
        int maxTransactionEntries,
        int maxRepetitions,
        long requestMemoryBytes,
        Duration queryTimeout,
        int maxDeleteMatches,
        int maxConnectionsPerAddress) {

    /** 16 MiB: a transaction of a clinic day's results fits; a runaway upload does not. */
    public static final long DEFAULT_MAX_REQUEST_BYTES = 16L * 1024 * 1024;
    public static final int DEFAULT_MAX_BUNDLE_ENTRIES = 20_000;
    /** What -Xmx1g holds, two at once, with readers served within a second (bench/BENCHMARKS.md). */
    public static final int DEFAULT_MAX_TRANSACTION_ENTRIES = 5_000;
    /** A clinical resource repeats an element a handful of times; a large CodeSystem a few thousand. */
    public static final int DEFAULT_MAX_REPETITIONS = 10_000;
    /** Half of what -Xmx1g leaves beside the server's fixed ~400 MB: two largest requests at once. */
    public static final long DEFAULT_REQUEST_MEMORY_BYTES = 256L * 1024 * 1024;
    public static final int DEFAULT_QUERY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_MAX_DELETE_MATCHES = 1000;
    /** Enough for an integration engine's pool; a reverse proxy in front counts as one address. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 100;

    static RequestLimitSettings from(EnvironmentReader reader) {
        long maxRequestBytes = reader.longInteger("FHIR_MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES, 1024, Integer.MAX_VALUE - 8);
        return new RequestLimitSettings(
                maxRequestBytes,
                reader.integer("FHIR_MAX_BUNDLE_ENTRIES", DEFAULT_MAX_BUNDLE_ENTRIES, 1, Integer.MAX_VALUE),
                reader.integer("FHIR_MAX_TRANSACTION_ENTRIES", DEFAULT_MAX_TRANSACTION_ENTRIES, 1, Integer.MAX_VALUE),
                reader.integer("FHIR_MAX_REPETITIONS", DEFAULT_MAX_REPETITIONS, 10, Integer.MAX_VALUE),
                reader.longInteger("FHIR_REQUEST_MEMORY_BYTES", DEFAULT_REQUEST_MEMORY_BYTES, 1024 * 1024, Long.MAX_VALUE),
                Duration.ofSeconds(reader.integer("FHIR_QUERY_TIMEOUT_SECONDS", DEFAULT_QUERY_TIMEOUT_SECONDS, 1, 86_400)),
                reader.integer("FHIR_MAX_DELETE_MATCHES", DEFAULT_MAX_DELETE_MATCHES, 1, Integer.MAX_VALUE),
                reader.integer("FHIR_MAX_CONNECTIONS_PER_ADDRESS", DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, 1, 100_000));
    }

    Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        shown.put("FHIR_MAX_REQUEST_BYTES", Long.toString(maxRequestBytes));
        shown.put("FHIR_MAX_BUNDLE_ENTRIES", Integer.toString(maxBundleEntries));
        shown.put("FHIR_MAX_TRANSACTION_ENTRIES", Integer.toString(maxTransactionEntries));
        shown.put("FHIR_MAX_REPETITIONS", Integer.toString(maxRepetitions));
        shown.put("FHIR_REQUEST_MEMORY_BYTES", Long.toString(requestMemoryBytes));
        shown.put("FHIR_QUERY_TIMEOUT_SECONDS", Long.toString(queryTimeout.toSeconds()));
        shown.put("FHIR_MAX_DELETE_MATCHES", Integer.toString(maxDeleteMatches));
        shown.put("FHIR_MAX_CONNECTIONS_PER_ADDRESS", Integer.toString(maxConnectionsPerAddress));
        return shown;
    }
}
