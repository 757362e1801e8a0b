package org.releasedpn.fhir.study;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Group;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ResearchSubject;
import org.releasedpn.fhir.persistence.TransactionLock;
import org.springframework.core.Ordered;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The trial's subjects as an actual Group, {@code Group/release-dpn-subjects}: its members are the
 * Patients with a ResearchSubject in {@code ResearchStudy/release-dpn} (any status), so that
 * {@code Group/release-dpn-subjects/$export} exports the trial. Created at start when missing and
 * changed in the same database transaction as every ResearchSubject write that changes who is in
 * the trial (one subject per patient and study: dpn-rs-4), so it is never behind. Clients change
 * Groups only with {@code dpn/admin} (security.SmartScopes.ADMINISTERED).
 * <p>
 * Concurrent enrolments all change this one Group: each transaction takes its turn
 * ({@link TransactionLock}, held until it commits) before reading the Group, so that it reads the
 * members the previous one committed instead of failing on the Group's version (409 to an EHR),
 * and writes all its changes at once when it commits.
 */
@Interceptor
public final class SubjectsGroup {
    public static final String GROUP_ID = "release-dpn-subjects";
    private static final String STUDY = "ResearchStudy/" + TrialSeed.STUDY_ID;

    private final IFhirResourceDao<Group> groups;
    private final IFhirResourceDao<ResearchSubject> subjects;
    private final TransactionLock turn;

    public SubjectsGroup(IFhirResourceDao<Group> groups, IFhirResourceDao<ResearchSubject> subjects, TransactionLock turn) {
        this.groups = groups;
        this.subjects = subjects;
        this.turn = turn;
    }

    /** At start: the Group of the subjects stored so far, unless it exists. */
    public void createIfAbsent() {
        if (current() != null) {
            return;
        }
        Set<String> members = new LinkedHashSet<>();
        SearchParameterMap inStudy = SearchParameterMap.newSynchronous("study", new ReferenceParam(STUDY));
        for (IBaseResource found : subjects.search(inStudy, new SystemRequestDetails()).getAllResources()) {
            ResearchSubject subject = (ResearchSubject) found;
            if (subject.getIndividual().hasReference()) {
                members.add(subject.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue());
            }
        }
        store(members);
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        if (resource instanceof ResearchSubject subject) {
            change(null, patientInTrial(subject));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        if (resource instanceof ResearchSubject subject) {
            change(patientInTrial((ResearchSubject) previous), patientInTrial(subject));
        }
    }

    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_DELETED)
    public void deleted(IBaseResource resource) {
        if (resource instanceof ResearchSubject subject) {
            change(patientInTrial(subject), null);
        }
    }

    /** {@code Patient/[id]} when the subject is in the trial, else null. */
    private static String patientInTrial(ResearchSubject subject) {
        if (subject == null || !subject.getIndividual().hasReference()
                || !STUDY.equals(subject.getStudy().getReferenceElement().toUnqualifiedVersionless().getValue())) {
            return null;
        }
        return subject.getIndividual().getReferenceElement().toUnqualifiedVersionless().getValue();
    }

    private void change(String left, String joined) {
        if (Objects.equals(left, joined)) {
            return; // most updates: a status or a date, the same patient
        }
        turn.holdUntilTransactionEnds();
        MembershipChanges changes = (MembershipChanges) TransactionSynchronizationManager.getResource(this);
        if (changes == null) {
            changes = new MembershipChanges();
            TransactionSynchronizationManager.bindResource(this, changes);
            TransactionSynchronizationManager.registerSynchronization(changes);
        }
        changes.add(left, joined);
    }

    /**
     * One transaction's changes of who is in the trial, written to the Group once, just before the
     * transaction commits: a transaction Bundle enrolling 50 subjects writes one Group version, not 50.
     * First of the commit's work, so that the audit trail's events are stored after the Group's write.
     */
    private final class MembershipChanges implements TransactionSynchronization {
        private final List<String[]> leftAndJoined = new ArrayList<>();

        void add(String left, String joined) {
            leftAndJoined.add(new String[] {left, joined});
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            Set<String> members = new LinkedHashSet<>();
            Group group = current();
            if (group != null) {
                group.getMember().forEach(member -> members.add(member.getEntity().getReference()));
            }
            boolean changed = false;
            for (String[] change : leftAndJoined) {
                changed |= change[0] != null && members.remove(change[0]);
                changed |= change[1] != null && members.add(change[1]);
            }
            if (changed || group == null) {
                store(members);
            }
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(SubjectsGroup.this);
        }
    }

    private Group current() {
        try {
            return groups.read(new IdType("Group", GROUP_ID), new SystemRequestDetails());
        } catch (ResourceNotFoundException absent) {
            return null;
        }
    }

    /** A new Group each time: what was read carries HAPI's meta, which is not the server's to send back. */
    private void store(Set<String> members) {
        Group group = empty();
        members.forEach(patient -> group.addMember().setEntity(new Reference(patient)));
        group.setQuantity(members.size());
        groups.update(group, new SystemRequestDetails());
    }

    private static Group empty() {
        Group group = new Group();
        group.setId(GROUP_ID);
        group.setType(Group.GroupType.PERSON);
        group.setActual(true);
        group.setName("RELEASE-DPN trial subjects");
        group.getCharacteristicFirstRep().getCode().setText("ResearchSubject in the trial");
        group.getCharacteristicFirstRep().setValue(new Reference(STUDY)).setExclude(false);
        return group;
    }
}
