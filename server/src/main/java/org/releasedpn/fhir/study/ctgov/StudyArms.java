package org.releasedpn.fhir.study.ctgov;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.ResearchStudy.ResearchStudyArmComponent;

/**
 * The arms, one per registry arm group, in registry order. The name is the label exactly as
 * registered: ResearchSubject.assignedArm must equal it (rule dpn-rs-1), so it is neither trimmed
 * nor re-cased, and two arm groups with one label are refused (rule dpn-study-1).
 */
final class StudyArms {

    private StudyArms() {}

    static List<ResearchStudyArmComponent> fromRegistry(RegistryNode armGroups) {
        List<ResearchStudyArmComponent> arms = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (RegistryNode armGroup : armGroups.requiredItems()) {
            RegistryNode label = armGroup.get("label");
            String name = label.requiredText();
            if (!names.add(name)) {
                throw label.invalid("is '" + name + "', the label of an earlier arm group; arm names must be unique");
            }
            ResearchStudyArmComponent arm = new ResearchStudyArmComponent().setName(name);
            arm.setType(ArmGroupType.fromRegistry(armGroup.get("type")));
            armGroup.get("description").text().ifPresent(arm::setDescription);
            arms.add(arm);
        }
        return arms;
    }
}
