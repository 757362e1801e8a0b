package org.releasedpn.fhir.pseudonymisation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Narrative.NarrativeStatus;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.releasedpn.fhir.testsupport.TrialSubjects;

/**
 * Trial participants whose direct identifiers are made up to be found: a family name, given name,
 * record number, phone, e-mail, address, relative, photo, narrative and free-text note no other
 * data contains, so that a test can search every answer for them. Each has a screening
 * ResearchSubject (subject number {@code S-[patientId]}) and a TCSS total with a note.
 */
public final class SeededPatients {
    static final int BIRTH_YEAR = 1958;
    static final String BIRTH_DATE = BIRTH_YEAR + "-07-23";
    static final String TCSS_DATE = "2025-03-04";

    private final List<String> ids;
    private final List<List<String>> values;

    private SeededPatients(List<String> ids, List<List<String>> values) {
        this.ids = List.copyOf(ids);
        this.values = List.copyOf(values);
    }

    public static SeededPatients seed(TrialSubjects trial, int count) {
        List<String> ids = new ArrayList<>();
        List<List<String>> values = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "pv-" + UUID.randomUUID().toString().substring(0, 8);
            String family = "Zzyzx" + letters();
            Patient patient = patient(id, family);
            trial.patient(patient);
            trial.screening(id);
            Observation tcss = TrialSubjects.tcssTotalObservation("Patient/" + id, 12, TCSS_DATE + "T09:00:00+08:00");
            tcss.setId(id + "-tcss");
            tcss.getSubject().setDisplay(patient.getNameFirstRep().getNameAsSingleString());
            tcss.getText().setStatus(NarrativeStatus.GENERATED)
                    .setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">TCSS of " + family + "</div>");
            tcss.addNote().setText("Noted by the nurse: " + family + " came with her sister");
            trial.put(tcss);
            ids.add(id);
            values.add(identifyingValues(patient));
        }
        return new SeededPatients(ids, values);
    }

    /** A base-R4 Patient with every kind of direct identifier, all distinctive. */
    static Patient patient(String id, String family) {
        String given = "Quillon" + letters();
        Patient patient = new Patient();
        patient.setId(id);
        patient.getText().setStatus(NarrativeStatus.GENERATED).setDivAsString(
                "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + given + " " + family + ", MRN " + mrn(family) + "</div>");
        patient.addIdentifier().setSystem("https://hospital.example.org/mrn").setValue(mrn(family));
        patient.addName(new HumanName().setFamily(family).addGiven(given));
        patient.addTelecom().setSystem(ContactPointSystem.PHONE).setValue(phone(family));
        patient.addTelecom().setSystem(ContactPointSystem.EMAIL).setValue(family.toLowerCase(Locale.ROOT) + "@mail.example.org");
        patient.addAddress(new Address().addLine(family + "gasse 12").setCity("Xian" + family).setPostalCode(postalCode(family))
                .setState("Shaan" + family).setCountry("CN"));
        patient.setGender(AdministrativeGender.FEMALE);
        patient.setBirthDateElement(new DateType(BIRTH_DATE));
        patient.addContact().setName(new HumanName().setFamily("Sister" + family))
                .addRelationship(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin")));
        patient.addPhoto().setContentType("image/jpeg").setUrl("https://hospital.example.org/photos/" + family + ".jpg");
        patient.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "zh", "Chinese")));
        return patient;
    }

    /** Everything about {@code patient} the pseudonymised view must never show. */
    private static List<String> identifyingValues(Patient patient) {
        String family = patient.getNameFirstRep().getFamily();
        return List.of(family, patient.getNameFirstRep().getGivenAsSingleString(), mrn(family), phone(family),
                postalCode(family), family.toLowerCase(Locale.ROOT) + "@", "Sister" + family, "photos/", BIRTH_DATE, "came with her sister", "Xian" + family);
    }

    public String id(int index) {
        return ids.get(index);
    }

    /** The ids, comma-separated, for {@code _id=}. */
    public String ids() {
        return String.join(",", ids);
    }

    public String family(int index) {
        return values.get(index).get(0);
    }

    String phone(int index) {
        return values.get(index).get(3);
    }

    String subjectNumber(int index) {
        return "S-" + ids.get(index);
    }

    public List<String> identifyingValues() {
        return values.stream().flatMap(List::stream).collect(Collectors.toList());
    }

    private static String mrn(String family) {
        return "MRN" + Math.abs(family.hashCode());
    }

    private static String phone(String family) {
        return "+86-29-" + (10_000_000 + Math.abs(family.hashCode()) % 89_999_999);
    }

    private static String postalCode(String family) {
        return "7" + (10_000 + Math.abs(family.hashCode() / 7) % 89_999);
    }

    private static String letters() {
        StringBuilder text = new StringBuilder();
        for (char c : UUID.randomUUID().toString().replace("-", "").substring(0, 8).toCharArray()) {
            text.append((char) ('a' + Character.digit(c, 16)));
        }
        return text.toString();
    }
}
