package org.releasedpn.fhir.testsupport;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.releasedpn.fhir.bootstrap.FhirServer;

/** Gives a {@link FhirServer} parameter the PostgreSQL server that all PostgreSQL REST suites share. */
public final class SharedPostgresServer implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FhirServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return TestServers.sharedPostgres(context);
    }
}
