package org.releasedpn.fhir.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;

/**
 * The package's SearchParameter expressions, evaluated with HAPI's R4 FHIRPath engine (the one
 * its JPA indexer uses), give the datatype their search type indexes: Reference, Coding, string.
 */
class SearchParameterExpressionTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private final ConformancePackage conformancePackage = ConformancePackage.fromClasspath(FHIR);
    private final IFhirPath fhirPath = FHIR.newFhirPath();

    @Test
    void studyFindsTheTrialOnObservationsAndProcedures() throws IOException {
        for (String file : List.of("valid/Observation-dpn-tcss-002-day0.json", "valid/Procedure-dpn-msc-001-day7.json")) {
            List<Reference> values = fhirPath.evaluate(example(file), expression("study"), Reference.class);
            assertEquals(List.of("ResearchStudy/release-dpn"), values.stream().map(Reference::getReference).toList(), file);
        }
    }

    @Test
    void visitFindsTheVisitOnObservationsProceduresAndAdverseEvents() throws IOException {
        assertEquals("day-0", visit("valid/Observation-dpn-crp-001-day0.json"));
        assertEquals("day-28", visit("valid/Procedure-dpn-msc-001-day28.json"));
        assertEquals("unscheduled", visit("valid/AdverseEvent-dpn-ae-002-headache.json"));
    }

    @Test
    void armFindsTheAssignedArm() throws IOException {
        List<StringType> values = fhirPath.evaluate(example("valid/ResearchSubject-dpn-subject-002.json"), expression("arm"),
                StringType.class);
        assertEquals(List.of("Control group"), values.stream().map(StringType::getValue).toList());
    }

    private String visit(String file) throws IOException {
        List<IBase> values = fhirPath.evaluate(example(file), expression("visit"), IBase.class);
        assertEquals(1, values.size(), file);
        return ((Coding) values.get(0)).getCode();
    }

    private String expression(String code) {
        return conformancePackage.resources().stream().filter(SearchParameter.class::isInstance).map(SearchParameter.class::cast)
                .filter(p -> p.getCode().equals(code)).findFirst().orElseThrow().getExpression();
    }

    private static IBaseResource example(String file) throws IOException {
        return FHIR.newJsonParser().parseResource(Files.readString(Path.of("examples").resolve(file)));
    }
}
