package org.releasedpn.fhir.bench.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal FHIR endpoint for the harness's smoke tests: answers the interactions the workloads
 * use with 200/201 and just enough JSON, pages searches through three pages with {@code next}
 * links, and enforces one real rule (clinical data only for a Patient it created, dpn-enrol-1)
 * so a harness that forgot to enrol first fails its test.
 */
public final class FakeFhirServer implements AutoCloseable {
    public static final int PAGES = 3;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> CLINICAL = Set.of("Observation", "Procedure", "AdverseEvent");

    static {
        // Without it the JDK server's separate header and body writes meet delayed ACKs: 40 ms a request.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final HttpServer http;
    private final AtomicLong ids = new AtomicLong();
    private final Set<String> patients = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    /** The Authorization header of every request received, "" for none: what a token run must send. */
    private final Set<String> authorizations = ConcurrentHashMap.newKeySet();

    private FakeFhirServer(HttpServer http) {
        this.http = http;
    }

    public static FakeFhirServer start(int port) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        FakeFhirServer server = new FakeFhirServer(http);
        http.createContext("/fhir", server::handle);
        http.setExecutor(Executors.newFixedThreadPool(4));
        http.start();
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/fhir";
    }

    /** Requests received per interaction, e.g. {@code POST Observation}, {@code GET search}. */
    public int requests(String interaction) {
        AtomicInteger count = requests.get(interaction);
        return count == null ? 0 : count.get();
    }

    /** The distinct Authorization headers received, "" standing for requests without one. */
    public Set<String> authorizations() {
        return Set.copyOf(authorizations);
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")).replace("null", ""));
            URI uri = exchange.getRequestURI();
            String[] path = uri.getPath().replaceFirst("^/fhir/?", "").split("/");
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String first = path.length > 0 ? path[0] : "";
            if (method.equals("GET") && first.equals("metadata")) {
                count("GET metadata");
                respond(exchange, 200, JSON.createObjectNode().put("resourceType", "CapabilityStatement")
                        .put("status", "active").put("fhirVersion", "4.0.1").put("kind", "instance"));
            } else if (method.equals("GET") && path.length == 3 && path[2].equals("$evaluate-measure")) {
                count("GET evaluate-measure");
                respond(exchange, 200, JSON.createObjectNode().put("resourceType", "MeasureReport")
                        .put("status", "complete").put("type", "summary").put("measure", path[1]));
            } else if (method.equals("GET")) {
                count("GET search");
                respond(exchange, 200, searchPage(uri));
            } else if (method.equals("POST") && first.isEmpty()) {
                count("POST transaction");
                transaction(exchange, JSON.readTree(body));
            } else if (method.equals("POST") && path.length == 2 && path[1].equals("$validate")) {
                count("POST validate");
                respond(exchange, 200, outcome("information", "validation passed (fake)"));
            } else if (method.equals("POST") && path.length == 1) {
                count("POST " + first);
                create(exchange, first, (ObjectNode) JSON.readTree(body));
            } else if (method.equals("PUT") && path.length == 2) {
                count("PUT " + first);
                ObjectNode resource = (ObjectNode) JSON.readTree(body);
                respond(exchange, 200, resource);
            } else {
                respond(exchange, 404, outcome("error", "not handled by the fake: " + method + " " + uri));
            }
        }
    }

    private void create(HttpExchange exchange, String type, ObjectNode resource) throws IOException {
        String unknownSubject = unknownSubject(type, resource, Map.of());
        if (unknownSubject != null) {
            respond(exchange, 422, outcome("error", "dpn-enrol-1: no ResearchSubject for " + unknownSubject));
            return;
        }
        String id = Long.toString(ids.incrementAndGet());
        if (type.equals("Patient")) {
            patients.add("Patient/" + id);
        }
        resource.put("id", id);
        exchange.getResponseHeaders().add("Location", baseUrl() + "/" + type + "/" + id + "/_history/1");
        respond(exchange, 201, resource);
    }

    private void transaction(HttpExchange exchange, JsonNode bundle) throws IOException {
        Map<String, String> assigned = new HashMap<>();
        for (JsonNode entry : bundle.path("entry")) {
            if (entry.path("request").path("method").asText().equals("POST")) {
                String type = entry.path("resource").path("resourceType").asText();
                assigned.put(entry.path("fullUrl").asText(), type + "/" + ids.incrementAndGet());
            }
        }
        ObjectNode response = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "transaction-response");
        ArrayNode entries = response.putArray("entry");
        for (JsonNode entry : bundle.path("entry")) {
            String type = entry.path("resource").path("resourceType").asText();
            String unknownSubject = unknownSubject(type, entry.path("resource"), assigned);
            if (unknownSubject != null) {
                respond(exchange, 422, outcome("error", "dpn-enrol-1: no ResearchSubject for " + unknownSubject));
                return;
            }
            boolean post = entry.path("request").path("method").asText().equals("POST");
            String location = post ? assigned.get(entry.path("fullUrl").asText()) : entry.path("request").path("url").asText();
            entries.addObject().putObject("response")
                    .put("status", post ? "201 Created" : "200 OK")
                    .put("location", location + "/_history/1");
        }
        assigned.values().stream().filter(ref -> ref.startsWith("Patient/")).forEach(patients::add);
        respond(exchange, 200, response);
    }

    /** The subject reference of a clinical resource that names no Patient this server created. */
    private String unknownSubject(String type, JsonNode resource, Map<String, String> inBundle) {
        if (!CLINICAL.contains(type)) {
            return null;
        }
        String reference = resource.path("subject").path("reference").asText();
        String resolved = inBundle.getOrDefault(reference, reference);
        return patients.contains(resolved) || inBundle.containsValue(resolved) ? null : reference;
    }

    private ObjectNode searchPage(URI uri) {
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        int page = 1;
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("_page=")) {
                page = Integer.parseInt(parameter.substring("_page=".length()));
            }
        }
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset").put("total", PAGES * 2);
        ArrayNode links = bundle.putArray("link");
        links.addObject().put("relation", "self").put("url", baseUrl() + "?" + query);
        if (page < PAGES) {
            links.addObject().put("relation", "next").put("url", baseUrl() + "?_getpages=fake&_page=" + (page + 1));
        }
        ArrayNode entries = bundle.putArray("entry");
        for (int i = 0; i < 2; i++) {
            ObjectNode entry = entries.addObject();
            entry.putObject("resource").put("resourceType", "Observation").put("id", "o" + page + "-" + i);
            entry.putObject("search").put("mode", "match");
        }
        return bundle;
    }

    private static ObjectNode outcome(String severity, String text) {
        ObjectNode outcome = JSON.createObjectNode().put("resourceType", "OperationOutcome");
        outcome.putArray("issue").addObject().put("severity", severity).put("code", "informational").put("diagnostics", text);
        return outcome;
    }

    private void count(String interaction) {
        requests.computeIfAbsent(interaction, k -> new AtomicInteger()).incrementAndGet();
    }

    private static void respond(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
