package org.releasedpn.fhir.study.ctgov;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A plain HAPI RestfulServer holding only {@link ImportCtgovOperation}, in embedded Jetty on a
 * free port of the loopback interface, at {@code /fhir} as in the real server.
 */
final class TestFhirServer implements AutoCloseable {

    private final Server jetty;
    private final String baseUrl;

    private TestFhirServer(Server jetty, String baseUrl) {
        this.jetty = jetty;
        this.baseUrl = baseUrl;
    }

    static TestFhirServer start(StudyStore store) throws Exception {
        RestfulServer fhir = new RestfulServer(FhirContext.forR4Cached());
        fhir.registerProvider(new ImportCtgovOperation(new CtgovStudyMapper(), store));

        Server jetty = new Server();
        ServerConnector connector = new ServerConnector(jetty);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        jetty.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(fhir), "/fhir/*");
        jetty.setHandler(context);
        jetty.start();
        return new TestFhirServer(jetty, "http://127.0.0.1:" + connector.getLocalPort() + "/fhir");
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
