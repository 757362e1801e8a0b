package org.releasedpn.fhir.rest;

import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.function.BiFunction;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The strict reading of a JSON batch, entry by entry: the Bundle around the entries must read
 * strictly (else the whole batch is refused, 400), and each entry's resource that does not is
 * marked, so that HAPI's batch processing fails that entry alone with 400 and stores the others.
 */
final class BatchEntries {
    private static final String UNREADABLE = BatchEntries.class.getName() + ".unreadable";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private BatchEntries() {
    }

    /**
     * @param parsed the same batch as HAPI parsed it (leniently), whose entries get marked
     * @param strictProblem what a strict parse of a JSON text objects to, if anything
     */
    static void readStrictly(String text, Bundle parsed,
                             BiFunction<String, EncodingEnum, Optional<String>> strictProblem) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(tree instanceof ObjectNode bundle)) {
            throw new InvalidRequestException("The body is not a JSON object");
        }
        JsonNode entries = bundle.path("entry");
        if (!entries.isMissingNode() && !entries.isArray()) {
            throw new InvalidRequestException("The batch Bundle is not valid FHIR JSON: Bundle.entry is not an array");
        }
        ObjectNode shell = bundle.deepCopy();
        for (int i = 0; i < entries.size() && i < parsed.getEntry().size(); i++) {
            JsonNode resource = entries.get(i).get("resource");
            IBaseResource parsedResource = parsed.getEntry().get(i).getResource();
            if (resource != null && parsedResource != null) {
                int entry = i;
                strictProblem.apply(resource.toString(), EncodingEnum.JSON).ifPresent(problem ->
                        refuseWhenStored(parsedResource, "Bundle.entry[" + entry + "].resource is not a valid "
                                + "FHIR JSON resource: " + problem));
                ((ObjectNode) shell.path("entry").get(i)).remove("resource");
            }
        }
        strictProblem.apply(shell.toString(), EncodingEnum.JSON).ifPresent(problem -> {
            throw new InvalidRequestException("The batch Bundle is not valid FHIR JSON: " + problem);
        });
    }

    /** The batch entry carrying {@code resource} fails with 400 and {@code problem} when HAPI comes to store it. */
    static void refuseWhenStored(IBaseResource resource, String problem) {
        resource.setUserData(UNREADABLE, problem);
    }

    static void refuseIfUnreadable(IBaseResource resource) {
        Object problem = resource.getUserData(UNREADABLE);
        if (problem != null) {
            throw new InvalidRequestException(problem.toString());
        }
    }
}
