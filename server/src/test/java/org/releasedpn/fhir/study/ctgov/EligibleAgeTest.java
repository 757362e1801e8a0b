package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import org.hl7.fhir.r4.model.SimpleQuantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EligibleAgeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "18 Years, 18, a, years",
            "80 Years, 80, a, years",
            "1 Year, 1, a, years",
            "6 Months, 6, mo, months",
            "2 Weeks, 2, wk, weeks",
            "28 Days, 28, d, days",
            "12 Hours, 12, h, hours",
            "30 Minutes, 30, min, minutes"
    })
    void readsTheRegistryAgeAsUcum(String registered, String value, String ucum, String unit) {
        SimpleQuantity age = EligibleAge.of(node(registered)).orElseThrow();
        assertEquals(new BigDecimal(value), age.getValue());
        assertEquals(EligibleAge.UCUM, age.getSystem());
        assertEquals(ucum, age.getCode());
        assertEquals(unit, age.getUnit());
    }

    @Test
    void anAbsentLimitIsNoLimit() {
        assertTrue(EligibleAge.of(RegistryNode.root(JsonNodeFactory.instance.objectNode()).get("minimumAge")).isEmpty());
    }

    @Test
    void refusesWhatIsNoAge() {
        RegistryRecordException refused = assertThrows(RegistryRecordException.class, () -> EligibleAge.of(node("18 Fortnights")));
        assertEquals("minimumAge", refused.field());
    }

    private static RegistryNode node(String text) {
        return RegistryNode.root(JsonNodeFactory.instance.objectNode().put("minimumAge", text)).get("minimumAge");
    }
}
