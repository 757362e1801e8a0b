package org.releasedpn.fhir.bench.workload;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.releasedpn.fhir.bench.data.GeneratedResource;

import java.util.UUID;

/**
 * Builds a transaction Bundle entry by entry. Creates get a {@code urn:uuid} fullUrl that other
 * entries of the same Bundle can reference before the server has assigned ids.
 */
final class TransactionBundle {
    private final ObjectNode bundle = JsonNodeFactory.instance.objectNode();
    private final ArrayNode entries;

    TransactionBundle() {
        bundle.put("resourceType", "Bundle").put("type", "transaction");
        entries = bundle.putArray("entry");
    }

    static String newFullUrl() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    TransactionBundle create(String fullUrl, GeneratedResource resource) {
        ObjectNode entry = entries.addObject();
        entry.put("fullUrl", fullUrl);
        entry.set("resource", resource.resource());
        entry.putObject("request").put("method", "POST").put("url", resource.resourceType());
        return this;
    }

    TransactionBundle update(String id, GeneratedResource resource) {
        ObjectNode entry = entries.addObject();
        entry.set("resource", resource.resource());
        entry.putObject("request").put("method", "PUT").put("url", resource.resourceType() + "/" + id);
        return this;
    }

    int size() {
        return entries.size();
    }

    String json() {
        return bundle.toString();
    }
}
