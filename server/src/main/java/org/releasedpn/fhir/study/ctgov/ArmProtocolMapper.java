package org.releasedpn.fhir.study.ctgov;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;

/**
 * The interventions, as what each arm does. R4 has no Intervention resource and its
 * ResearchStudy.arm has no link to one; the R4 element for "what is done in this study" is
 * ResearchStudy.protocol, a Reference(PlanDefinition). So each arm group that receives
 * interventions gets one clinical-protocol PlanDefinition whose title is the arm's name (R4 names
 * arms, ResearchSubject.assignedArm matches by name) with one action per intervention. Actions are
 * written inline, not as shared ActivityDefinitions: nothing executes them, and one resource per
 * arm is the leanest shape that still says which arm gets what.
 */
final class ArmProtocolMapper {

    static final String PLAN_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/plan-definition-type";

    private ArmProtocolMapper() {}

    /** One plan per arm group with interventions; the id counts arm groups, so it follows the arm. */
    static List<PlanDefinition> fromRegistry(RegistryNode armsInterventions, StudyIds ids) {
        List<RegistryNode> armGroups = armsInterventions.get("armGroups").requiredItems();
        List<RegistryNode> interventions = armsInterventions.get("interventions").items();
        List<PlanDefinition> plans = new ArrayList<>();
        for (int i = 0; i < armGroups.size(); i++) {
            RegistryNode armGroup = armGroups.get(i);
            List<PlanDefinitionActionComponent> actions = new ArrayList<>();
            for (RegistryNode intervention : interventions) {
                if (isGivenTo(intervention, armGroup)) {
                    actions.add(action(intervention));
                }
            }
            if (!actions.isEmpty()) {
                PlanDefinition plan = new PlanDefinition();
                plan.setId(ids.armPlan(i + 1));
                plan.setStatus(PublicationStatus.ACTIVE);
                plan.setType(new CodeableConcept(new Coding(PLAN_TYPE_SYSTEM, "clinical-protocol", "Clinical Protocol")));
                plan.setTitle(armGroup.get("label").requiredText());
                armGroup.get("description").text().ifPresent(plan::setDescription);
                plan.setAction(actions);
                plans.add(plan);
            }
        }
        return plans;
    }

    /**
     * The registry states membership twice, on the intervention (armGroupLabels) and on the arm
     * (interventionNames, as "Type: Name"); records seen in the wild sometimes fill only one.
     */
    private static boolean isGivenTo(RegistryNode intervention, RegistryNode armGroup) {
        String label = armGroup.get("label").requiredText();
        return intervention.get("armGroupLabels").texts().contains(label)
                || armGroup.get("interventionNames").texts().contains(registryName(intervention));
    }

    /**
     * Titled the way the registry names an intervention in an arm ("Biological: Experimental
     * Group"); the registry's other names are what the intervention is, so they are its codes.
     */
    private static PlanDefinitionActionComponent action(RegistryNode intervention) {
        PlanDefinitionActionComponent action = new PlanDefinitionActionComponent();
        action.setTitle(registryName(intervention));
        intervention.get("description").text().ifPresent(action::setDescription);
        intervention.get("otherNames").texts()
                .forEach(otherName -> action.addCode(new CodeableConcept().setText(otherName)));
        return action;
    }

    private static String registryName(RegistryNode intervention) {
        String name = intervention.get("name").requiredText();
        return intervention.get("type").text().map(type -> typeWords(type) + ": " + name).orElse(name);
    }

    /** DIETARY_SUPPLEMENT → "Dietary Supplement", as the registry displays intervention types. */
    private static String typeWords(String type) {
        return Arrays.stream(type.toLowerCase(Locale.ROOT).split("_"))
                .filter(word -> !word.isEmpty())
                .map(word -> Character.toUpperCase(word.charAt(0)) + word.substring(1))
                .collect(Collectors.joining(" "));
    }
}
