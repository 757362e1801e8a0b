package org.releasedpn.fhir.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ca.uhn.fhir.rest.api.EncodingEnum;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourceTextsTest {

    @Test
    void theJsonResourceIsCutOutAsSentWhereverItsNameIs() {
        String resource = "{\"resourceType\":\"Patient\",\"active\":true,\"active\":1e400, \"gender\":[\"other\"]}";
        String parameters = "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"mode\",\"valueCode\":\"create\"},"
                + "{\"resource\":" + resource + ",\"name\":\"resource\"}]}";

        assertEquals(Optional.of(resource), ResourceTexts.parameter(parameters, EncodingEnum.JSON));
    }

    @Test
    void theXmlResourceKeepsTheNamespaceItInheritedAndTheProlog() {
        String prolog = "<?xml version=\"1.0\"?><!DOCTYPE corpus>";
        String parameters = prolog + "<Parameters xmlns=\"http://hl7.org/fhir\"><parameter><name value=\"resource\"/>"
                + "<resource><Patient><active value=\"1\"/></Patient></resource></parameter></Parameters>";

        assertEquals(Optional.of(prolog + "<Patient xmlns=\"http://hl7.org/fhir\"><active value=\"1\"/></Patient>"),
                ResourceTexts.parameter(parameters, EncodingEnum.XML));
    }

    @Test
    void anXmlResourceInAnotherNamespaceStaysInIt() {
        String parameters = "<Parameters xmlns=\"http://example.org/not-fhir\"><parameter><name value=\"resource\"/>"
                + "<resource><Patient/></resource></parameter></Parameters>";

        assertEquals(Optional.of("<Patient xmlns=\"http://example.org/not-fhir\"/>"),
                ResourceTexts.parameter(parameters, EncodingEnum.XML));
    }

    @Test
    void withoutResourceParameterThereIsNothingToCut() {
        assertEquals(Optional.empty(), ResourceTexts.parameter(
                "{\"resourceType\":\"Parameters\",\"parameter\":\"corpus\"}", EncodingEnum.JSON));
        assertEquals(Optional.empty(), ResourceTexts.parameter("<Parameters xmlns=\"http://hl7.org/fhir\"><parameter>"
                + "<name value=\"mode\"/><valueCode value=\"create\"/></parameter></Parameters>", EncodingEnum.XML));
    }

    @Test
    void eachBundleEntryIsCutOutAsSent() {
        String patient = "{\"resourceType\":\"Patient\",\"gender\":[\"other\"],\"active\":null}";
        String bundle = "{\"resourceType\":\"Bundle\",\"type\":\"batch\",\"entry\":[{\"request\":{\"method\":\"GET\","
                + "\"url\":\"Patient/1\"}},{\"fullUrl\":\"urn:uuid:1\",\"resource\":" + patient + "}]}";
        String xml = "<Bundle xmlns=\"http://hl7.org/fhir\"><type value=\"batch\"/><entry><resource><Patient><active "
                + "value=\"1\"/></Patient></resource><request><method value=\"POST\"/><url value=\"Patient\"/></request>"
                + "</entry></Bundle>";

        assertEquals(Arrays.asList(null, patient), ResourceTexts.entries(bundle, EncodingEnum.JSON));
        assertEquals(List.of("<Patient xmlns=\"http://hl7.org/fhir\"><active value=\"1\"/></Patient>"),
                ResourceTexts.entries(xml, EncodingEnum.XML));
    }
}
