package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;
import java.util.TreeSet;

/**
 * The resource types a server says it can create: those its CapabilityStatement lists under a
 * {@code server} rest entry with the {@code create} interaction. A type it lists without any
 * interactions at all is taken as creatable too (some servers leave the interactions out).
 */
final class CreatableTypes {
    private CreatableTypes() {
    }

    static Set<String> of(JsonNode capabilityStatement) {
        Set<String> types = new TreeSet<>();
        for (JsonNode rest : capabilityStatement.path("rest")) {
            if (!"server".equals(rest.path("mode").asText("server"))) {
                continue;
            }
            for (JsonNode resource : rest.path("resource")) {
                String type = resource.path("type").asText("");
                JsonNode interactions = resource.path("interaction");
                if (!type.isEmpty() && (interactions.isEmpty() || hasCreate(interactions))) {
                    types.add(type);
                }
            }
        }
        return types;
    }

    private static boolean hasCreate(JsonNode interactions) {
        for (JsonNode interaction : interactions) {
            if ("create".equals(interaction.path("code").asText())) {
                return true;
            }
        }
        return false;
    }
}
