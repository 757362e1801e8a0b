package org.releasedpn.fhir.study.rules;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.HashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.ResearchStudy;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.hl7.fhir.r4.model.Resource;
import org.releasedpn.fhir.conformance.TrialCanonicals;

/**
 * What the rules may look at: the stored data, seen from inside the write's own database
 * transaction, together with the resources of the transaction Bundle being stored. Every lookup
 * merges both and counts a resource once.
 */
public final class TrialData {
    private final DaoRegistry daos;
    private final TransactionResources transaction;
    private final SystemRequestDetails request = new SystemRequestDetails();
    /** Stored-data answers by question, while checking a transaction's entries; null: ask each time. */
    private final Map<String, Object> remembered;

    private TrialData(DaoRegistry daos, TransactionResources transaction, Map<String, Object> remembered) {
        this.daos = daos;
        this.transaction = transaction;
        this.remembered = remembered;
    }

    /** For one resource being stored: every question goes to the database. */
    static TrialData forOneWrite(DaoRegistry daos, TransactionResources transaction) {
        return new TrialData(daos, transaction, null);
    }

    /**
     * For the entries of a transaction checked before any is stored: the database does not change
     * between two entries' checks, so a question asked for one entry (is this patient enrolled?
     * which study is this?) is answered from the database once. A Bundle of 100 Observations of
     * four subjects asked it a hundred times.
     */
    static TrialData forTransactionCheck(DaoRegistry daos, TransactionResources transaction) {
        return new TrialData(daos, transaction, new HashMap<>());
    }

    @SuppressWarnings("unchecked")
    private <V> V fromStore(String question, Supplier<V> lookup) {
        if (remembered == null) {
            return lookup.get();
        }
        V known = (V) remembered.get(question);
        if (known == null) {
            known = lookup.get();
            remembered.put(question, known);
        }
        return known;
    }

    /** Whether two references name the same resource (by id, by fullUrl, or as a Bundle entry). */
    boolean same(String reference, String other) {
        return transaction.key(reference).equals(transaction.key(other));
    }

    String keyOf(IBaseResource resource) {
        return transaction.key(resource);
    }

    Optional<ResearchStudy> study(String reference) {
        return read(ResearchStudy.class, reference);
    }

    Optional<Patient> patient(String reference) {
        return read(Patient.class, reference);
    }

    Optional<Procedure> procedure(String reference) {
        return read(Procedure.class, reference);
    }

    /** Every ResearchSubject of the patient in the study. */
    List<ResearchSubject> researchSubjects(String patient, String study) {
        return merged(ResearchSubject.class, "subjects", researchSubjectCriteria(patient, study),
                researchSubjectOf(patient, study), patient, study);
    }

    /**
     * Whether the patient has a ResearchSubject in the study. Asked on every clinical write, so the
     * stored side is an id-only search: HAPI need not load and parse the ResearchSubject.
     */
    boolean isEnrolled(String patient, String study) {
        if (transaction.ofType(ResearchSubject.class).stream().anyMatch(researchSubjectOf(patient, study))) {
            return true;
        }
        if (!searchable(patient, study)) {
            return false;
        }
        return fromStore("enrolled " + stored(patient) + " " + stored(study), () -> {
            SearchParameterMap map = SearchParameterMap.newSynchronous();
            researchSubjectCriteria(patient, study).accept(map);
            return !dao(ResearchSubject.class).searchForIds(map, request).isEmpty();
        });
    }

    private Consumer<SearchParameterMap> researchSubjectCriteria(String patient, String study) {
        return map -> map.add("individual", new ReferenceParam(stored(patient)))
                .add("study", new ReferenceParam(stored(study)));
    }

    private Predicate<ResearchSubject> researchSubjectOf(String patient, String study) {
        return subject -> same(subject.getIndividual().getReference(), patient)
                && same(subject.getStudy().getReference(), study);
    }

    /** Every TCSS total of the patient in the study (any status; the rule filters). */
    List<Observation> tcssTotals(String patient, String study) {
        return merged(Observation.class, "tcss-totals",
                map -> map.add("subject", new ReferenceParam(stored(patient)))
                        .add("code", new TokenParam(TrialCanonicals.TCSS_SYSTEM, "total"))
                        .add("study", new ReferenceParam(stored(study))),
                observation -> same(observation.getSubject().getReference(), patient)
                        && TrialCodes.isTcssTotal(observation)
                        && StudyLinks.studies(observation).stream().anyMatch(s -> same(s, study)),
                patient, study);
    }

    /** Every hUC-MSC administration of the patient. */
    List<Procedure> mscAdministrations(String patient) {
        return merged(Procedure.class, "msc-administrations",
                map -> map.add("subject", new ReferenceParam(stored(patient)))
                        .add("code", new TokenParam(TrialCanonicals.INTERVENTION_SYSTEM, TrialCodes.MSC_INJECTION)),
                procedure -> same(procedure.getSubject().getReference(), patient) && TrialCodes.isMscAdministration(procedure),
                patient);
    }

    private <T extends Resource> Optional<T> read(Class<T> type, String reference) {
        Optional<Resource> inTransaction = transaction.resolve(reference);
        if (inTransaction.isPresent()) {
            return type.isInstance(inTransaction.get()) ? Optional.of(type.cast(inTransaction.get())) : Optional.empty();
        }
        IdType id = new IdType(References.relative(reference));
        if (!type.getSimpleName().equals(id.getResourceType()) || !id.hasIdPart()) {
            return Optional.empty();
        }
        return fromStore("read " + id.getValue(), () -> {
            try {
                return Optional.of(type.cast(dao(type).read(id, request)));
            } catch (ResourceNotFoundException | ResourceGoneException absent) {
                return Optional.<T>empty();
            }
        });
    }

    /**
     * Stored matches (by search) and transaction matches (by predicate), each once. A reference
     * to an entry not yet stored has no stored matches.
     */
    private <T extends Resource> List<T> merged(Class<T> type, String lookup, Consumer<SearchParameterMap> criteria,
                                                Predicate<T> inTransaction, String... references) {
        Map<String, T> found = new LinkedHashMap<>();
        if (searchable(references)) {
            String question = "search " + type.getSimpleName() + " " + lookup + " "
                    + Arrays.stream(references).map(this::stored).collect(Collectors.joining(" "));
            List<IBaseResource> stored = fromStore(question, () -> {
                SearchParameterMap map = SearchParameterMap.newSynchronous();
                criteria.accept(map);
                return dao(type).search(map, request).getAllResources();
            });
            for (IBaseResource resource : stored) {
                found.put(transaction.key(resource), type.cast(resource));
            }
        }
        for (T resource : transaction.ofType(type)) {
            if (inTransaction.test(resource)) {
                found.put(transaction.key(resource), resource);
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Whether stored resources can reference these: not when one is an entry not yet stored. */
    private boolean searchable(String... references) {
        return Arrays.stream(references).noneMatch(r -> stored(r).startsWith("urn:"));
    }

    /** The id under which a referenced resource is (or will be) stored. */
    private String stored(String reference) {
        return transaction.resolve(reference)
                .filter(resource -> resource.getIdElement().hasIdPart())
                .map(resource -> resource.fhirType() + "/" + resource.getIdElement().getIdPart())
                .orElse(References.relative(reference));
    }

    @SuppressWarnings("unchecked")
    private <T extends IBaseResource> IFhirResourceDao<T> dao(Class<T> type) {
        return (IFhirResourceDao<T>) daos.getResourceDao(type);
    }
}
