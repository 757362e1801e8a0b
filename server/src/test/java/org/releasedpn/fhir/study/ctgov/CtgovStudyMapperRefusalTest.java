package org.releasedpn.fhir.study.ctgov;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.releasedpn.fhir.study.ctgov.RegistryRecordException.Problem;

/** Broken and incomplete registry records, each refused with the registry path of its fault. */
class CtgovStudyMapperRefusalTest {

    private static final String ID = "protocolSection.identificationModule.";
    private static final String ARMS = "protocolSection.armsInterventionsModule.";

    static Stream<Arguments> brokenRecords() {
        return Stream.of(
                refused("not JSON", () -> raw("{\"protocolSection\": "), "", Problem.UNREADABLE),
                refused("a JSON list", () -> raw("[]"), "", Problem.UNREADABLE),
                refused("an empty body", () -> raw(""), "", Problem.UNREADABLE),
                refused("no protocolSection", () -> without("protocolSection"), "protocolSection", Problem.MISSING),
                refused("protocolSection not an object", () -> with("protocolSection", "\"x\""), "protocolSection", Problem.INVALID),
                refused("no nctId", () -> without(ID + "nctId"), ID + "nctId", Problem.MISSING),
                refused("blank nctId", () -> with(ID + "nctId", "\" \""), ID + "nctId", Problem.MISSING),
                refused("short NCT number", () -> with(ID + "nctId", "\"NCT0718376\""), ID + "nctId", Problem.INVALID),
                refused("lower-case NCT number", () -> with(ID + "nctId", "\"nct07183761\""), ID + "nctId", Problem.INVALID),
                refused("numeric nctId", () -> with(ID + "nctId", "7183761"), ID + "nctId", Problem.INVALID),
                refused("no title at all", () -> withoutAll(ID + "briefTitle", ID + "officialTitle"), ID + "briefTitle", Problem.MISSING),
                refused("no overallStatus", () -> without("protocolSection.statusModule.overallStatus"),
                        "protocolSection.statusModule.overallStatus", Problem.MISSING),
                refused("no phase combination R4 knows", () -> with("protocolSection.designModule.phases", "[\"PHASE1\",\"PHASE3\"]"),
                        "protocolSection.designModule.phases", Problem.INVALID),
                refused("no primary purpose", () -> without("protocolSection.designModule.designInfo.primaryPurpose"),
                        "protocolSection.designModule.designInfo.primaryPurpose", Problem.MISSING),
                refused("no conditions", () -> without("protocolSection.conditionsModule.conditions"),
                        "protocolSection.conditionsModule.conditions", Problem.MISSING),
                refused("no start date", () -> without("protocolSection.statusModule.startDateStruct"),
                        "protocolSection.statusModule.startDateStruct.date", Problem.MISSING),
                refused("impossible start date", () -> with("protocolSection.statusModule.startDateStruct.date", "\"2025-13-01\""),
                        "protocolSection.statusModule.startDateStruct.date", Problem.INVALID),
                refused("no armGroups", () -> without(ARMS + "armGroups"), ARMS + "armGroups", Problem.MISSING),
                refused("empty armGroups", () -> with(ARMS + "armGroups", "[]"), ARMS + "armGroups", Problem.MISSING),
                refused("arm without label", () -> without(ARMS + "armGroups[1].label"), ARMS + "armGroups[1].label", Problem.MISSING),
                refused("two arms, one label", () -> with(ARMS + "armGroups[1].label", "\"Experimental group\""),
                        ARMS + "armGroups[1].label", Problem.INVALID),
                refused("arm without type", () -> without(ARMS + "armGroups[0].type"), ARMS + "armGroups[0].type", Problem.MISSING),
                refused("no outcomes", () -> without("protocolSection.outcomesModule"),
                        "protocolSection.outcomesModule.primaryOutcomes", Problem.MISSING),
                refused("outcome without measure", () -> without("protocolSection.outcomesModule.secondaryOutcomes[2].measure"),
                        "protocolSection.outcomesModule.secondaryOutcomes[2].measure", Problem.MISSING),
                refused("no enrolment count", () -> without("protocolSection.designModule.enrollmentInfo"),
                        "protocolSection.designModule.enrollmentInfo.count", Problem.MISSING),
                refused("enrolment count as text", () -> with("protocolSection.designModule.enrollmentInfo.count", "\"140\""),
                        "protocolSection.designModule.enrollmentInfo.count", Problem.INVALID),
                refused("unreadable minimum age", () -> with("protocolSection.eligibilityModule.minimumAge", "\"eighteen\""),
                        "protocolSection.eligibilityModule.minimumAge", Problem.INVALID),
                refused("unknown sex", () -> with("protocolSection.eligibilityModule.sex", "\"BOTH\""),
                        "protocolSection.eligibilityModule.sex", Problem.INVALID),
                refused("no lead sponsor", () -> without("protocolSection.sponsorCollaboratorsModule.leadSponsor"),
                        "protocolSection.sponsorCollaboratorsModule.leadSponsor.name", Problem.MISSING),
                refused("intervention without name", () -> without(ARMS + "interventions[0].name"),
                        ARMS + "interventions[0].name", Problem.MISSING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRecords")
    void isRefusedNamingTheField(String variant, Supplier<byte[]> record, String field, Problem problem) {
        RegistryRecordException refused =
                assertThrows(RegistryRecordException.class, () -> new CtgovStudyMapper().map(record.get(), RegistryRecords.SERVER_BASE));
        assertEquals(field, refused.field(), refused.getMessage());
        assertEquals(problem, refused.problem(), refused.getMessage());
        assertTrue(refused.getMessage().contains(field), refused.getMessage());
    }

    private static Arguments refused(String variant, Supplier<byte[]> record, String field, Problem problem) {
        return Arguments.of(variant, record, field, problem);
    }

    private static byte[] raw(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] with(String path, String json) {
        return RegistryRecords.bytes(RegistryRecords.with(path, json));
    }

    private static byte[] without(String path) {
        return RegistryRecords.bytes(RegistryRecords.without(path));
    }

    private static byte[] withoutAll(String... paths) {
        var record = RegistryRecords.releaseDpn();
        for (String path : paths) {
            RegistryRecords.set(record, path, null);
        }
        return RegistryRecords.bytes(record);
    }
}
