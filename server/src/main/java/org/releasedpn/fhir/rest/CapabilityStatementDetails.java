package org.releasedpn.fhir.rest;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseConformance;
import org.hl7.fhir.r4.model.ImplementationGuide;
import org.releasedpn.fhir.conformance.GuidePackage;
import org.releasedpn.fhir.conformance.TrialCanonicals;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;

/**
 * What HAPI's generated CapabilityStatement leaves out: the server's own name, the batch
 * interaction, which the server supports beside transaction, and the implementation guides it
 * validates against (the trial's, and each installed package's).
 */
@Interceptor
public final class CapabilityStatementDetails {
    static final String SOFTWARE = "RELEASE-DPN FHIR server";
    private final List<String> implementationGuides = new ArrayList<>();

    public CapabilityStatementDetails(List<GuidePackage> guides) {
        implementationGuides.add(TrialCanonicals.BASE + "/ImplementationGuide/" + TrialCanonicals.PACKAGE_NAME);
        guides.forEach(guide -> implementationGuides.add(implementationGuideUrl(guide)));
    }

    /** The guide's ImplementationGuide resource if the package has one, else its conventional URL. */
    private static String implementationGuideUrl(GuidePackage guide) {
        return guide.resources().stream().filter(ImplementationGuide.class::isInstance)
                .map(resource -> ((ImplementationGuide) resource).getUrl()).filter(url -> url != null).findFirst()
                .orElse((guide.canonical() != null ? guide.canonical() : "urn:fhir-package:" + guide.name())
                        + "/ImplementationGuide/" + guide.name())
                + "|" + guide.version();
    }

    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    public void complete(IBaseConformance generated) {
        if (!(generated instanceof CapabilityStatement statement)) {
            return;
        }
        statement.setPublisher("RELEASE-DPN trial (NCT07183761)");
        statement.getSoftware().setName(SOFTWARE);
        implementationGuides.forEach(statement::addImplementationGuide);
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            boolean hasBatch = rest.getInteraction().stream()
                    .anyMatch(interaction -> interaction.getCode() == SystemRestfulInteraction.BATCH);
            if (!hasBatch) {
                rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
            }
        }
    }
}
