package org.releasedpn.fhir.pseudonymisation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The rules file is checked against FHIR R4 when it is read: mistakes stop the start with a message naming them. */
class PseudonymisationRulesTest {
    private static final FhirContext R4 = FhirContext.forR4Cached();

    @Test
    void theShippedRulesAreValid() {
        PseudonymisationRules rules = PseudonymisationRules.load(R4);

        assertEquals("PSEUDED", rules.label().code());
        assertTrue(rules.rules().stream().anyMatch(rule -> rule.path().equals("Patient.birthDate")
                && rule.action() == MaskingAction.YEAR_ONLY), rules::toString);
        assertTrue(rules.refusedSearchParameters().contains("address-postalcode"), rules::toString);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Patient.nmae              | remove                  | Patient has no element 'nmae' in FHIR R4
            Observation.comment       | remove                  | Observation has no element 'comment' in FHIR R4
            Patient.deceased          | remove                  | Patient has no element 'deceased'
            Patient.name.famly        | remove                  | HumanName has no element 'famly'
            Patient.gender            | year-only               | year-only needs a date or dateTime, gender is [code]
            Patient.name              | keep-identifier-systems | keep-identifier-systems needs 'systems'
            *.nowhere                 | remove                  | no FHIR R4 resource type has an element 'nowhere'
            Patientt.name             | remove                  | 'Patientt' is neither a FHIR R4 resource type nor a complex data type
            HumanName                 | year-only               | year-only needs a date element
            Patient.birthDate         | shuffle                 | unknown action 'shuffle'
            """)
    void aRuleThatNamesNothingInR4StopsTheStart(String path, String action, String message) {
        InvalidPseudonymisationRules refused = assertThrows(InvalidPseudonymisationRules.class,
                () -> read("{\"path\":\"" + path + "\",\"action\":\"" + action + "\"}", "\"name\""));

        assertTrue(refused.getMessage().contains(message), refused::getMessage);
        assertTrue(refused.getMessage().startsWith("rules.json: elements[0] (" + path + ")"), refused::getMessage);
    }

    @Test
    void anUnknownRefusedSearchParameterStopsTheStart() {
        InvalidPseudonymisationRules refused = assertThrows(InvalidPseudonymisationRules.class,
                () -> read("{\"path\":\"Patient.name\",\"action\":\"remove\"}", "\"nmae\""));

        assertTrue(refused.getMessage().contains("refusedSearchParameters names 'nmae'"), refused::getMessage);
    }

    @Test
    void choiceElementsAreNamedWithX() {
        PseudonymisationRules rules = read("{\"path\":\"Patient.deceased[x]\",\"action\":\"year-only\"}", "\"name\"");

        assertEquals(MaskingAction.YEAR_ONLY, rules.rules().get(0).action());
    }

    private static PseudonymisationRules read(String rule, String refused) {
        String file = """
                {"label":{"system":"http://terminology.hl7.org/CodeSystem/v3-ObservationValue","code":"PSEUDED"},
                 "elements":[%s],
                 "refusedSearchParameters":{"names":[%s]}}""".formatted(rule, refused);
        return PseudonymisationRules.read(R4, new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)), "rules.json");
    }
}
