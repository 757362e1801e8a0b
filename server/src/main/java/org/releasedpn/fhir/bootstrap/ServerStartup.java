package org.releasedpn.fhir.bootstrap;

import ca.uhn.fhir.context.FhirContext;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.installation.PackageInstallation;
import org.releasedpn.fhir.study.TrialSeed;
import org.releasedpn.fhir.study.rules.RuleIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once the components are wired and before the first request is taken: the trial's
 * package and the rules' unique indexes are installed (if this version is new), and the trial
 * itself is imported from its bundled registry record (on a fresh database). The validator was
 * warmed up meanwhile, in parallel (see {@link org.releasedpn.fhir.validation.TrialValidation}).
 */
public final class ServerStartup {
    private static final Logger log = LoggerFactory.getLogger(ServerStartup.class);

    private final FhirContext fhirContext;
    private final PackageInstallation packageInstallation;
    private final ConformancePackage conformancePackage;
    private final TrialSeed trialSeed;

    public ServerStartup(FhirContext fhirContext, PackageInstallation packageInstallation,
                         ConformancePackage conformancePackage, TrialSeed trialSeed) {
        this.fhirContext = fhirContext;
        this.packageInstallation = packageInstallation;
        this.conformancePackage = conformancePackage;
        this.trialSeed = trialSeed;
    }

    public void run() {
        long start = System.nanoTime();
        packageInstallation.installIfNew(conformancePackage);
        packageInstallation.installIfNew(RuleIndexes.searchParameters(fhirContext));
        trialSeed.importIfAbsent();
        log.info("Package and trial checked in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
