package org.releasedpn.fhir.study.ctgov;

import java.util.Optional;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.MarkdownType;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.releasedpn.fhir.study.ctgov.RegistryRecordException.Problem;

/**
 * The trial's names. {@code title} is the registry's brief title: it is the registry's display
 * name and always present, where the official title is optional (the official title stands in
 * only when the brief one is missing).
 *
 * <p>R4 has no element for further names. R5's {@code ResearchStudy.label}, through HL7's
 * cross-version extension, would be the typed home, but the validator of HAPI 8.8.0 (FHIR core
 * 6.7.9) rejects that extension URL as an error unless the cross-version package is loaded, which
 * would make every import fail validation. So the official title and the acronym are kept as
 * notes with a fixed lead-in ({@value #OFFICIAL_TITLE} / {@value #ACRONYM}), valid in base R4.
 */
final class StudyTitles {

    static final String OFFICIAL_TITLE = "Official title: ";
    static final String ACRONYM = "Acronym: ";

    private StudyTitles() {}

    static void apply(RegistryNode identification, ResearchStudy study) {
        RegistryNode briefTitle = identification.get("briefTitle");
        Optional<String> brief = briefTitle.text();
        Optional<String> official = identification.get("officialTitle").text();
        if (brief.isEmpty() && official.isEmpty()) {
            throw new RegistryRecordException(
                    briefTitle.path(), Problem.MISSING, "is missing, and so is officialTitle");
        }
        study.setTitle(brief.orElseGet(official::get));
        if (brief.isPresent()) {
            official.ifPresent(title -> study.addNote(note(OFFICIAL_TITLE + title)));
        }
        identification.get("acronym").text().ifPresent(acronym -> study.addNote(note(ACRONYM + acronym)));
    }

    private static Annotation note(String text) {
        return new Annotation(new MarkdownType(text));
    }
}
