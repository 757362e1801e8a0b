package org.releasedpn.fhir.study.ctgov;

import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.Group.GroupCharacteristicComponent;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.SimpleQuantity;

/**
 * The trial's enrolment as the descriptive Group that ResearchStudy.enrollment points to: the
 * target count (the contract reads it from {@code quantity}), the structured eligibility the
 * registry has (age range, sex) as characteristics, and the free-text criteria as the Group's
 * narrative. R4 Group has no description element, and the criteria are the part of the
 * eligibility that is not in the characteristics, hence narrative status {@code additional}.
 */
final class EnrolmentGroupMapper {

    static final String LOINC = "http://loinc.org";
    static final String AGE_CODE = "30525-0";
    static final String SEX_CODE = "46098-0";
    static final String GENDER_SYSTEM = "http://hl7.org/fhir/administrative-gender";

    private EnrolmentGroupMapper() {}

    static Group fromRegistry(RegistryNode protocol, StudyIds ids, String studyName) {
        RegistryNode count = protocol.get("designModule.enrollmentInfo.count");
        RegistryNode eligibility = protocol.get("eligibilityModule");

        Group group = new Group();
        group.setId(ids.enrolment());
        group.setType(Group.GroupType.PERSON);
        group.setActual(false);
        group.setName(studyName + " enrolment");
        group.setQuantity(count.integer().orElseThrow(count::missing));
        ageRange(eligibility).ifPresent(group::addCharacteristic);
        sex(eligibility.get("sex")).ifPresent(group::addCharacteristic);
        eligibility.get("eligibilityCriteria").text().ifPresent(criteria -> group.setText(narrative(criteria)));
        return group;
    }

    private static Optional<GroupCharacteristicComponent> ageRange(RegistryNode eligibility) {
        Optional<SimpleQuantity> minimum = EligibleAge.of(eligibility.get("minimumAge"));
        Optional<SimpleQuantity> maximum = EligibleAge.of(eligibility.get("maximumAge"));
        if (minimum.isEmpty() && maximum.isEmpty()) {
            return Optional.empty();
        }
        Range range = new Range();
        minimum.ifPresent(range::setLow);
        maximum.ifPresent(range::setHigh);
        return Optional.of(characteristic(AGE_CODE, "Age").setValue(range));
    }

    /**
     * ALL is kept as the registry's word rather than left out, so a reader sees the registry stated
     * no restriction instead of wondering whether sex was lost in the import.
     */
    private static Optional<GroupCharacteristicComponent> sex(RegistryNode sex) {
        return sex.text().map(registered -> {
            CodeableConcept value = switch (registered) {
                case "ALL" -> new CodeableConcept().setText("All");
                case "FEMALE" -> new CodeableConcept(new Coding(GENDER_SYSTEM, "female", "Female"));
                case "MALE" -> new CodeableConcept(new Coding(GENDER_SYSTEM, "male", "Male"));
                default -> throw sex.invalid("is '" + registered + "', not ALL, FEMALE or MALE");
            };
            return characteristic(SEX_CODE, "Sex").setValue(value);
        });
    }

    private static GroupCharacteristicComponent characteristic(String loincCode, String display) {
        return new GroupCharacteristicComponent()
                .setCode(new CodeableConcept(new Coding(LOINC, loincCode, display)))
                .setExclude(false);
    }

    private static Narrative narrative(String criteria) {
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.ADDITIONAL);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\"><pre>" + escapeXml(criteria) + "</pre></div>");
        return narrative;
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
