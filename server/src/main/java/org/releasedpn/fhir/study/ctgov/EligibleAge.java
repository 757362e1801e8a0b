package org.releasedpn.fhir.study.ctgov;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.SimpleQuantity;

/**
 * An eligibility age limit as the registry writes it ({@code "18 Years"}, {@code "6 Months"}) as
 * a UCUM quantity in the unit the registry used, so no rounding is introduced.
 */
final class EligibleAge {

    static final String UCUM = "http://unitsofmeasure.org";

    private static final Pattern AGE = Pattern.compile("(\\d+(?:\\.\\d+)?) (\\p{Alpha}+)");

    private record Unit(String ucum, String human) {}

    /** The registry's unit words, singular, lower case. */
    private static final Map<String, Unit> UNITS = Map.of(
            "year", new Unit("a", "years"),
            "month", new Unit("mo", "months"),
            "week", new Unit("wk", "weeks"),
            "day", new Unit("d", "days"),
            "hour", new Unit("h", "hours"),
            "minute", new Unit("min", "minutes"));

    private EligibleAge() {}

    static Optional<SimpleQuantity> of(RegistryNode age) {
        return age.text().map(text -> parse(age, text));
    }

    private static SimpleQuantity parse(RegistryNode age, String text) {
        Matcher matcher = AGE.matcher(text.trim());
        Unit unit = matcher.matches() ? UNITS.get(singular(matcher.group(2))) : null;
        if (unit == null) {
            throw age.invalid("is '" + text + "', not an age such as '18 Years'");
        }
        SimpleQuantity quantity = new SimpleQuantity();
        quantity.setValue(new BigDecimal(matcher.group(1)));
        quantity.setUnit(unit.human());
        quantity.setSystem(UCUM);
        quantity.setCode(unit.ucum());
        return quantity;
    }

    private static String singular(String unit) {
        String lower = unit.toLowerCase(Locale.ROOT);
        return lower.endsWith("s") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
