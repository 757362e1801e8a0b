package org.releasedpn.fhir.bootstrap;

import ca.uhn.fhir.context.FhirContext;
import java.util.List;
import javax.sql.DataSource;
import org.releasedpn.fhir.persistence.DatabaseDialect;
import org.releasedpn.fhir.persistence.StartupLock;
import org.releasedpn.fhir.conformance.ConformancePackage;
import org.releasedpn.fhir.conformance.GuidePackage;
import org.releasedpn.fhir.guides.ConformanceChangeWatch;
import org.releasedpn.fhir.installation.PackageInstallation;
import org.releasedpn.fhir.study.SubjectsGroup;
import org.releasedpn.fhir.study.TrialSeed;
import org.releasedpn.fhir.study.rules.RuleIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens once the components are wired and before the first request is taken: the trial's
 * package, the operator's implementation guides and the rules' unique indexes are installed (if
 * this version is new; one process at a time, see {@link StartupLock}), and the trial
 * itself is imported from its bundled registry record (on a fresh database). The validator was
 * warmed up meanwhile, in parallel (see {@link org.releasedpn.fhir.validation.TrialValidation}).
 */
public final class ServerStartup {
    private static final Logger log = LoggerFactory.getLogger(ServerStartup.class);

    private final FhirContext fhirContext;
    private final PackageInstallation packageInstallation;
    private final ConformancePackage conformancePackage;
    private final List<GuidePackage> guides;
    private final TrialSeed trialSeed;
    private final SubjectsGroup subjectsGroup;
    private final ConformanceChangeWatch conformanceChanges;
    private final DataSource dataSource;
    private final DatabaseDialect dialect;

    public ServerStartup(FhirContext fhirContext, PackageInstallation packageInstallation,
                         ConformancePackage conformancePackage, List<GuidePackage> guides, TrialSeed trialSeed,
                         SubjectsGroup subjectsGroup, ConformanceChangeWatch conformanceChanges, DataSource dataSource, DatabaseDialect dialect) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.fhirContext = fhirContext;
        this.packageInstallation = packageInstallation;
        this.conformancePackage = conformancePackage;
        this.guides = guides;
        this.trialSeed = trialSeed;
        this.subjectsGroup = subjectsGroup;
        this.conformanceChanges = conformanceChanges;
    }

    public void run() {
        long start = System.nanoTime();
        try (StartupLock turn = StartupLock.acquire(dataSource, dialect)) {
            packageInstallation.installIfNew(conformancePackage);
            guides.forEach(packageInstallation::installIfNew);
            packageInstallation.installIfNew(RuleIndexes.searchParameters(fhirContext));
            trialSeed.importIfAbsent();
            subjectsGroup.createIfAbsent();
        }
        conformanceChanges.refreshIfChanged(); // what is stored now is what the validator starts from
        log.info("Packages and trial checked in {} ms", (System.nanoTime() - start) / 1_000_000);
    }
}
