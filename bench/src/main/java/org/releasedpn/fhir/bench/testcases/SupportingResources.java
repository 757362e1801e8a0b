package org.releasedpn.fhir.bench.testcases;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The resources one test case puts on the server before validating: each PUT at its own id (a file
 * without an id gets its file name), what the server refuses noted with the reason, and everything
 * taken deleted again, newest first, on {@link #close()} (the reference starts each case from a fresh
 * context, so one case's profiles and value sets must not leak into the next).
 */
final class SupportingResources implements AutoCloseable {
    private final TestCaseFiles files;
    private final ServerUnderTest server;
    private final ObjectMapper mapper;
    private final Set<String> loaded = new LinkedHashSet<>();
    private final List<String> notLoaded = new ArrayList<>();

    SupportingResources(TestCaseFiles files, ServerUnderTest server, ObjectMapper mapper) {
        this.files = files;
        this.server = server;
        this.mapper = mapper;
    }

    /** PUTs the file; a refusal is recorded in {@link #notLoaded()}, never thrown. */
    void load(String path) throws IOException {
        if (!files.exists(path)) {
            notLoaded.add(path + ": not in the artifact");
            return;
        }
        if (ResourceFile.Format.ofFileName(path).isEmpty()) {
            notLoaded.add(path + ": neither .json nor .xml");
            return;
        }
        ResourceFile resource = read(path);
        Optional<String> type = resource.resourceType();
        if (type.isEmpty()) {
            notLoaded.add(path + ": not a FHIR resource");
            return;
        }
        String id = resource.id().orElse(resource.idFromFileName());
        if (resource.id().isEmpty()) {
            resource = resource.withId(id);
        }
        ServerUnderTest.Reply reply = server.put(type.get(), id, resource);
        if (reply.isSuccess()) {
            loaded.add(type.get() + "/" + id);
        } else {
            ServerVerdict why = ServerVerdict.of(reply.status(), reply.body(), mapper);
            notLoaded.add(type.get() + "/" + id + ": HTTP " + reply.status()
                    + (why.firstError().isEmpty() ? "" : " " + why.firstError()));
        }
    }

    /** What the server refused so far, as {@code Type/id: why}. */
    List<String> notLoaded() {
        return List.copyOf(notLoaded);
    }

    /** The file as it is sent: bytes untouched, format from its name. */
    ResourceFile read(String path) throws IOException {
        ResourceFile.Format format = ResourceFile.Format.ofFileName(path)
                .orElseThrow(() -> new IOException(path + " is neither .json nor .xml"));
        return new ResourceFile(path, files.read(path), format);
    }

    @Override
    public void close() {
        List<String> reversed = new ArrayList<>(loaded);
        Collections.reverse(reversed);
        for (String reference : reversed) {
            int slash = reference.indexOf('/');
            server.delete(reference.substring(0, slash), reference.substring(slash + 1));
        }
        loaded.clear();
    }
}
