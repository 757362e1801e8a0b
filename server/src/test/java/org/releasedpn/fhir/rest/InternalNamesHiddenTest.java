package org.releasedpn.fhir.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InternalNamesHiddenTest {

    @Test
    void javaClassNamesAndExceptionNamesAreTakenOut() {
        assertEquals("Failed to parse: Trailing token found after value (bound as ): not allowed",
                InternalNamesHidden.cleaned("Failed to parse: Trailing token found after value (bound as "
                        + "`com.fasterxml.jackson.databind.JsonNode`): not allowed"));
        assertEquals("HAPI-1851: at [[row,col]]: unexpected", InternalNamesHidden.cleaned(
                "HAPI-1851: DataFormatException at [[row,col]]: unexpected"));
    }

    @Test
    void urlsAndCodeSystemsInValidationMessagesAreLeftAlone() {
        String message = "Code 'x' is not in http://terminology.hl7.org/CodeSystem/v2-0131 (www.example.org, "
                + "http://hl7.org/fhir/StructureDefinition/Patient)";
        assertEquals(message, InternalNamesHidden.cleaned(message));
    }
}
