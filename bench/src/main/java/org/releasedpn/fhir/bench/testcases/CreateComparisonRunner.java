package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.releasedpn.fhir.bench.http.ResourceLocation;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * Runs one case's base step the {@code --compare-create} way: load the supporting resources as for
 * {@code $validate}, then send the case's file (bytes untouched, same Content-Type) first to
 * {@code POST [type]/$validate?mode=create} and then to {@code POST [type]}, and delete what the
 * create stored (from its Location) before the supporting resources go. A server that validates
 * on write should give the same verdict both times; where it does not, one of the two is wrong.
 */
final class CreateComparisonRunner {
    private final TestCaseFiles files;
    private final ServerUnderTest server;
    private final ObjectMapper mapper;
    private final Set<String> creatable;

    /** @param creatable the types the server can create ({@link CreatableTypes}); others are skipped */
    CreateComparisonRunner(TestCaseFiles files, ServerUnderTest server, ObjectMapper mapper, Set<String> creatable) {
        this.files = files;
        this.server = server;
        this.mapper = mapper;
        this.creatable = Set.copyOf(creatable);
    }

    CreateComparison run(TestCase testCase) throws IOException {
        try (SupportingResources supporting = new SupportingResources(files, server, mapper)) {
            ResourceFile target = supporting.read(testCase.file());
            Optional<String> type = target.resourceType();
            if (type.isEmpty()) {
                return CreateComparison.skipped(testCase.name(), "", "names no resource type");
            }
            if (!creatable.contains(type.get())) {
                return CreateComparison.skipped(testCase.name(), type.get(), "the server cannot create " + type.get());
            }
            for (String path : testCase.supporting()) {
                supporting.load(path);
            }
            ServerUnderTest.Reply validated = server.validateForCreate(type.get(), target);
            ServerUnderTest.Reply created = server.create(type.get(), target);
            ServerVerdict validate = ServerVerdict.of(validated.status(), validated.body(), mapper);
            ServerVerdict create = ServerVerdict.ofCreate(created.status(), created.body(), mapper);
            return new CreateComparison(testCase.name(), type.get(), validate, create, supporting.notLoaded(),
                    cleanUp(created), "");
        }
    }

    /** Deletes what a create stored, so that it cannot weigh on the next case; says what happened. */
    private String cleanUp(ServerUnderTest.Reply created) {
        if (!created.isSuccess()) {
            return "";
        }
        Optional<ResourceLocation> location = created.location().flatMap(ResourceLocation::parse);
        if (location.isEmpty()) {
            return "stored, but no Location to delete it by: " + created.location().orElse("(none)");
        }
        ServerUnderTest.Reply deleted = server.delete(location.get().resourceType(), location.get().id());
        return location.get().reference() + (deleted.isSuccess() ? " deleted" : " not deleted: HTTP " + deleted.status());
    }
}
