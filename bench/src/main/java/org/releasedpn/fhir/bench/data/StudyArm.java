package org.releasedpn.fhir.bench.data;

/** The two arms of RELEASE-DPN, named exactly as the registry's armGroups labels (rule dpn-rs-1). */
public enum StudyArm {
    EXPERIMENTAL("Experimental group"),
    CONTROL("Control group");

    private final String armName;

    StudyArm(String armName) {
        this.armName = armName;
    }

    public String armName() {
        return armName;
    }
}
