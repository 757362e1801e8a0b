package org.releasedpn.fhir.bench.report;

/** The server's resident set size at a named moment of the run (e.g. after-start, after-load@10000). */
public record MemorySample(String moment, long rssKb, double rssMb) {

    public static MemorySample ofKb(String moment, long rssKb) {
        return new MemorySample(moment, rssKb, Math.round(rssKb / 1024.0 * 10) / 10.0);
    }
}
