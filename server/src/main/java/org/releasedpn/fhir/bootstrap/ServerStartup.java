package org.releasedpn.fhir.bootstrap;

import ca.uhn.fhir.batch2.config.Batch2JobRegisterer;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.installation.PackageInstallation;
import org.releasedpn.fhir.study.TrialSeed;
import org.releasedpn.fhir.study.rules.RuleIndexes;
import org.releasedpn.fhir.validation.ProfileValidator;
import org.releasedpn.fhir.validation.ValidatorWarmUp;

/**
 * What happens once the components are wired and before the first request is taken, in order:
 * the trial's package and the rules' unique indexes are installed (if this version is new), the trial itself is imported from
 * its bundled registry record (on a fresh database), and the validator is warmed up.
 */
public final class ServerStartup {
    private final Batch2JobRegisterer batch2Jobs;
    private final PackageInstallation packageInstallation;
    private final ConformancePackage conformancePackage;
    private final TrialSeed trialSeed;
    private final ProfileValidator validator;

    public ServerStartup(Batch2JobRegisterer batch2Jobs, PackageInstallation packageInstallation,
                         ConformancePackage conformancePackage, TrialSeed trialSeed, ProfileValidator validator) {
        this.batch2Jobs = batch2Jobs;
        this.packageInstallation = packageInstallation;
        this.conformancePackage = conformancePackage;
        this.trialSeed = trialSeed;
        this.validator = validator;
    }

    public void run() {
        // The installer may start a reindexing job for new SearchParameters: its job type must exist.
        batch2Jobs.start();
        packageInstallation.installIfNew(conformancePackage);
        packageInstallation.installIfNew(RuleIndexes.searchParameters(validator.fhirContext()));
        trialSeed.importIfAbsent();
        ValidatorWarmUp.run(validator.fhirContext(), validator);
    }
}
