package org.releasedpn.fhir.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * Refuses, before HAPI parses a body into objects, a shape whose cost has no bound although its
 * size is within the byte limit: a repeating element with more items than {@code maxRepetitions}
 * (a Patient of 100,000 identifiers took minutes and ran the heap out), a Bundle of more entries
 * than {@code maxBundleEntries} (each is a write, an index and a validation), and nesting deeper
 * than {@value #MAX_DEPTH} levels (which only a hostile body has, and recursive parsers pay for).
 * Both limits answer 413 and name their variable; the depth answers 400. One streaming pass over
 * the buffered bytes, JSON or XML.
 */
public final class BodyStructureLimits implements Filter {
    /** JSON levels: a resource nested in a Bundle entry, with nested extensions and items, stays below 40. */
    static final int MAX_DEPTH = 100;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1).build())
            .build();
    private static final XMLInputFactory XML = safeXmlFactory();

    private static final String TRANSACTION_ENTRIES = BodyStructureLimits.class.getName() + ".transactionEntries";
    private final int maxRepetitions;
    private final int maxBundleEntries;
    private final int maxTransactionEntries;
    private final OperationOutcomeBody outcomes;

    public BodyStructureLimits(int maxRepetitions, int maxBundleEntries, int maxTransactionEntries,
                               OperationOutcomeBody outcomes) {
        this.maxRepetitions = maxRepetitions;
        this.maxBundleEntries = maxBundleEntries;
        this.maxTransactionEntries = maxTransactionEntries;
        this.outcomes = outcomes;
    }

    /** A limit a body exceeds: the answer's status and what to tell the client. */
    record Exceeded(int status, String message) {
    }

    /** What the scan saw of a Bundle at the top of the body: its type and how many entries. */
    static final class Scan {
        String bundleType;
        int entries;

        boolean isTransaction() {
            return "transaction".equals(bundleType);
        }
    }

    /** The entries of the transaction Bundle a request carries (0 for any other request), as counted here. */
    static int transactionEntriesOf(ServletRequest request) {
        Object entries = request.getAttribute(TRANSACTION_ENTRIES);
        return entries instanceof Integer count ? count : 0;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) request;
        String contentType = http.getContentType() == null ? "" : http.getContentType().toLowerCase(Locale.ROOT);
        byte[] body = contentType.contains("json") || contentType.contains("xml")
                ? BufferedBodyRequest.bodyOf(http) : new byte[0];
        Scan scan = new Scan();
        Optional<Exceeded> exceeded = body.length == 0 ? Optional.empty()
                : contentType.contains("json") ? checkJson(body, scan) : checkXml(body, scan);
        if (exceeded.isEmpty() && scan.isTransaction()) {
            exceeded = checkTransaction(scan.entries);
            request.setAttribute(TRANSACTION_ENTRIES, scan.entries);
        }
        if (exceeded.isPresent()) {
            HttpServletResponse httpResponse = (HttpServletResponse) response;
            httpResponse.setStatus(exceeded.get().status());
            httpResponse.setContentType(OperationOutcomeBody.CONTENT_TYPE);
            IssueType type = exceeded.get().status() == 413 ? IssueType.TOOCOSTLY : IssueType.STRUCTURE;
            httpResponse.getOutputStream().write(outcomes.error(type, exceeded.get().message()));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * A transaction is stored all at once, so all its entries are held in memory until it commits
     * (about 20 KB each, measured): a larger one is refused, where a batch, committing entry by
     * entry, may have up to {@code maxBundleEntries}.
     */
    Optional<Exceeded> checkTransaction(int entries) {
        if (entries <= maxTransactionEntries) {
            return Optional.empty();
        }
        return Optional.of(new Exceeded(413, "The transaction holds " + entries + " entries, more than the "
                + maxTransactionEntries + " this server takes in one transaction (FHIR_MAX_TRANSACTION_ENTRIES): split it "
                + "into several transactions, or send a batch, whose entries are stored one by one"));
    }

    Optional<Exceeded> checkJson(byte[] body) {
        return checkJson(body, new Scan());
    }

    Optional<Exceeded> checkXml(byte[] body) {
        return checkXml(body, new Scan());
    }

    Optional<Exceeded> checkJson(byte[] body, Scan scan) {
        Deque<Repeats> arrays = new ArrayDeque<>();
        String field = null;
        int depth = 0;
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                switch (token) {
                    case FIELD_NAME -> field = parser.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        if (!arrays.isEmpty() && arrays.peek().depth == depth) {
                            Optional<Exceeded> over = arrays.peek().countItem(parser.currentLocation().getLineNr());
                            if (over.isPresent()) {
                                return over;
                            }
                        }
                        if (++depth > MAX_DEPTH) {
                            return Optional.of(tooDeep("line " + parser.currentLocation().getLineNr()));
                        }
                        if (token == JsonToken.START_ARRAY) {
                            arrays.push(new Repeats(field, depth));
                        }
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        if (token == JsonToken.END_ARRAY) {
                            Repeats ended = arrays.pop();
                            if (ended.depth == 2 && "entry".equals(ended.name)) {
                                scan.entries = ended.items;
                            }
                        }
                        depth--;
                    }
                    default -> {
                        if (depth == 1 && "type".equals(field) && token == JsonToken.VALUE_STRING) {
                            scan.bundleType = parser.getText();
                        }
                        if (!arrays.isEmpty() && arrays.peek().depth == depth) {
                            Optional<Exceeded> over = arrays.peek().countItem(parser.currentLocation().getLineNr());
                            if (over.isPresent()) {
                                return over;
                            }
                        }
                        field = null;
                    }
                }
            }
            return Optional.empty();
        } catch (IOException malformed) {
            return Optional.empty(); // not JSON: the FHIR parser answers it with its own 400
        }
    }

    Optional<Exceeded> checkXml(byte[] body, Scan scan) {
        // Per open element: the name of the last child and how many of it came in a row.
        Deque<Repeats> children = new ArrayDeque<>();
        try {
            XMLStreamReader reader = XML.createXMLStreamReader(new ByteArrayInputStream(body));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamReader.START_ELEMENT) {
                        String name = reader.getLocalName();
                        if (!children.isEmpty()) {
                            Repeats siblings = children.peek();
                            if (!name.equals(siblings.name)) {
                                siblings.startRun(name);
                            }
                            Optional<Exceeded> over = siblings.countItem(reader.getLocation().getLineNumber());
                            if (over.isPresent()) {
                                return over;
                            }
                        }
                        if (children.size() + 1 > MAX_DEPTH) {
                            return Optional.of(tooDeep("line " + reader.getLocation().getLineNumber()));
                        }
                        if (children.size() == 1 && "type".equals(name)) {
                            scan.bundleType = reader.getAttributeValue(null, "value");
                        }
                        children.push(new Repeats(null, children.size() + 1));
                    } else if (event == XMLStreamReader.END_ELEMENT) {
                        children.pop();
                        if (children.size() == 1 && "entry".equals(children.peek().name)) {
                            scan.entries = children.peek().items;
                        }
                    }
                }
            } finally {
                reader.close();
            }
            return Optional.empty();
        } catch (XMLStreamException malformed) {
            return Optional.empty(); // not well-formed XML: the FHIR parser answers it with its own 400
        }
    }

    private static Exceeded tooDeep(String where) {
        return new Exceeded(400, "The body is nested more than " + MAX_DEPTH + " levels deep (at " + where
                + "); no FHIR resource this server takes is");
    }

    /** Items of one repeating element: a JSON array, or XML siblings of one name in a row. */
    private final class Repeats {
        private String name;
        private final int depth;
        private int items;

        Repeats(String name, int depth) {
            this.name = name;
            this.depth = depth;
        }

        void startRun(String newName) {
            name = newName;
            items = 0;
        }

        Optional<Exceeded> countItem(int line) {
            items++;
            boolean entries = "entry".equals(name);
            int limit = entries ? maxBundleEntries : maxRepetitions;
            if (items <= limit) {
                return Optional.empty();
            }
            return Optional.of(new Exceeded(413, entries
                    ? "The body holds more than " + limit + " entries (FHIR_MAX_BUNDLE_ENTRIES), the most this server "
                            + "takes in one Bundle: split it into smaller Bundles"
                    : "The element '" + (name == null ? "(array)" : name) + "' repeats more than " + limit
                            + " times (at line " + line + "); this server takes at most " + limit
                            + " items of one repeating element (FHIR_MAX_REPETITIONS)"));
        }
    }

    private static XMLInputFactory safeXmlFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
