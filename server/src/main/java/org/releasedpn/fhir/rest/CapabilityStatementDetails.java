package org.releasedpn.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;

/**
 * What HAPI's generated CapabilityStatement leaves out: the server's own name, and the batch
 * interaction, which the server supports beside transaction.
 */
@Interceptor
public final class CapabilityStatementDetails {
    static final String SOFTWARE = "RELEASE-DPN FHIR server";

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void complete(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        statement.setPublisher("RELEASE-DPN trial (NCT07183761)");
        statement.getSoftware().setName(SOFTWARE);
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            boolean hasBatch = rest.getInteraction().stream()
                    .anyMatch(interaction -> interaction.getCode() == SystemRestfulInteraction.BATCH);
            if (!hasBatch) {
                rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
            }
        }
    }
}
