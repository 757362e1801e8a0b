package org.releasedpn.fhir.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.OperationOutcome.OperationOutcomeIssueComponent;
import org.hl7.fhir.r4.model.Property;

/**
 * The decimals this server stores: at most 18 significant digits (the precision FHIR asks
 * implementations to keep) and a magnitude from 1e-300 to 1e300 (search indexes hold a decimal as
 * a double; beyond that range the database refuses it or loses it). Others are refused with 422
 * at the element, before any validation or storage.
 */
final class DecimalLimits {
    static final int MAX_SIGNIFICANT_DIGITS = 18;
    private static final BigDecimal LARGEST = new BigDecimal("1e300");
    private static final BigDecimal SMALLEST = new BigDecimal("1e-300");

    private DecimalLimits() {
    }

    static List<OperationOutcomeIssueComponent> check(IBaseResource resource) {
        List<OperationOutcomeIssueComponent> issues = new ArrayList<>();
        if (resource instanceof Base base) {
            walk(base, resource.fhirType(), issues);
        }
        return issues;
    }

    private static void walk(Base element, String path, List<OperationOutcomeIssueComponent> issues) {
        for (Property property : element.children()) {
            List<Base> values = property.getValues();
            for (int i = 0; i < values.size(); i++) {
                Base value = values.get(i);
                String name = property.getName().endsWith("[x]")
                        ? property.getName().replace("[x]", capitalised(value.fhirType())) : property.getName();
                String at = path + "." + name + (property.getMaxCardinality() > 1 ? "[" + i + "]" : "");
                if (value instanceof DecimalType decimal) {
                    String problem = problemWith(decimal.getValue());
                    if (problem != null) {
                        issues.add(new OperationOutcomeIssueComponent().setSeverity(IssueSeverity.ERROR)
                                .setCode(IssueType.TOOLONG).setDiagnostics("The decimal " + abbreviated(decimal.getValueAsString())
                                        + " " + problem).addExpression(at));
                    }
                } else if (!value.isPrimitive()) {
                    walk(value, at, issues);
                }
            }
        }
    }

    private static String problemWith(BigDecimal value) {
        if (value == null || value.signum() == 0) {
            return null;
        }
        if (value.stripTrailingZeros().precision() > MAX_SIGNIFICANT_DIGITS) {
            return "has more than " + MAX_SIGNIFICANT_DIGITS + " significant digits, more than this server stores";
        }
        BigDecimal magnitude = value.abs();
        if (magnitude.compareTo(LARGEST) > 0 || magnitude.compareTo(SMALLEST) < 0) {
            return "is out of the range this server stores (1e-300 to 1e300 in magnitude)";
        }
        return null;
    }

    private static String capitalised(String type) {
        return type.isEmpty() ? type : Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
