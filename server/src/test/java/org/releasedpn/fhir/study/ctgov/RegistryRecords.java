package org.releasedpn.fhir.study.ctgov;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ResearchStudy;

/**
 * The RELEASE-DPN registry record (test resource {@code ctgov/NCT07183761.json}, a copy of the
 * registry's API v2 answer) and in-memory variants of it, addressed by registry paths such as
 * {@code protocolSection.armsInterventionsModule.armGroups[1].label}.
 */
final class RegistryRecords {

    static final String RESOURCE = "/ctgov/NCT07183761.json";
    /** The base URL the tests pretend the transaction is sent to. */
    static final String SERVER_BASE = "http://127.0.0.1:8080/fhir";
    static final ObjectMapper JSON = new ObjectMapper();

    private static final Pattern SEGMENT = Pattern.compile("([^\\[]+)(?:\\[(\\d+)])?");

    private RegistryRecords() {}

    static byte[] releaseDpnBytes() {
        try (InputStream in = RegistryRecords.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fresh, mutable copy of the record. */
    static ObjectNode releaseDpn() {
        try {
            return (ObjectNode) JSON.readTree(releaseDpnBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The record with the field at {@code path} set to {@code json} (a JSON literal). */
    static ObjectNode with(String path, String json) {
        ObjectNode record = releaseDpn();
        try {
            set(record, path, JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return record;
    }

    /** The record without the field at {@code path}. */
    static ObjectNode without(String path) {
        ObjectNode record = releaseDpn();
        set(record, path, null);
        return record;
    }

    /** The ResearchStudy the mapper makes of a record (the transaction's last entry). */
    static ResearchStudy researchStudyOf(JsonNode record) {
        Bundle transaction = new CtgovStudyMapper().map(record, SERVER_BASE);
        return (ResearchStudy) transaction.getEntry().get(transaction.getEntry().size() - 1).getResource();
    }

    static byte[] bytes(JsonNode record) {
        try {
            return JSON.writeValueAsBytes(record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets (or with a null value removes) the field at a registry path; parents must exist. */
    static void set(ObjectNode record, String path, JsonNode value) {
        String[] segments = path.split("\\.");
        JsonNode parent = record;
        for (int i = 0; i < segments.length - 1; i++) {
            parent = step(parent, segments[i], path);
        }
        Matcher last = segment(segments[segments.length - 1], path);
        if (last.group(2) != null) {
            ArrayNode array = (ArrayNode) parent.get(last.group(1));
            int index = Integer.parseInt(last.group(2));
            if (value == null) {
                array.remove(index);
            } else {
                array.set(index, value);
            }
        } else if (value == null) {
            ((ObjectNode) parent).remove(last.group(1));
        } else {
            ((ObjectNode) parent).set(last.group(1), value);
        }
    }

    private static JsonNode step(JsonNode node, String segment, String path) {
        Matcher matcher = segment(segment, path);
        JsonNode next = node.get(matcher.group(1));
        if (next != null && matcher.group(2) != null) {
            next = next.get(Integer.parseInt(matcher.group(2)));
        }
        if (next == null) {
            throw new IllegalArgumentException("no " + segment + " on the way to " + path);
        }
        return next;
    }

    private static Matcher segment(String segment, String path) {
        Matcher matcher = SEGMENT.matcher(segment);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("bad segment " + segment + " in " + path);
        }
        return matcher;
    }
}
