package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.hl7.fhir.r4.model.DateTimeType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryDateTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"2025-10-01, DAY", "2025-10, MONTH", "2025, YEAR", "2028-02-29, DAY"})
    void keepsTheRegistryPrecision(String registered, TemporalPrecisionEnum precision) {
        DateTimeType date = RegistryDate.of(node(registered)).orElseThrow();
        assertEquals(registered, date.getValueAsString());
        assertEquals(precision, date.getPrecision());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"2025-13", "2025-02-30", "October 2025", "2025-10-01T00:00:00", "25-10-01"})
    void refusesWhatIsNoRegistryDate(String registered) {
        RegistryRecordException refused = assertThrows(RegistryRecordException.class, () -> RegistryDate.of(node(registered)));
        assertEquals("date", refused.field());
    }

    private static RegistryNode node(String text) {
        return RegistryNode.root(JsonNodeFactory.instance.objectNode().put("date", text)).get("date");
    }
}
