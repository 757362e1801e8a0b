/**
 * Imports a trial from its ClinicalTrials.gov registry record (API v2 study JSON) as FHIR R4:
 * {@link org.releasedpn.fhir.study.ctgov.CtgovStudyMapper} maps the record to a transaction,
 * {@link org.releasedpn.fhir.study.ctgov.ImportCtgovOperation} serves
 * {@code POST [base]/ResearchStudy/$import-ctgov} (OperationDefinition-import-ctgov.json beside
 * it) and hands the transaction to a {@link org.releasedpn.fhir.study.ctgov.StudyStore}, and
 * {@link org.releasedpn.fhir.study.ctgov.ImportCtgovCommand} is the command-line client.
 *
 * <p>Mapping decisions. <b>Ids</b>: every resource is a PUT to an id derived from the record: the
 * study id is the acronym as a lowercase slug ({@code RELEASE-DPN} becomes {@code release-dpn}),
 * else the NCT number in lower case; the others append {@code -enrolment}, {@code -sponsor},
 * {@code -site-N} and {@code -arm-N} (N counts registry order from 1). The content depends on the
 * record alone, so a re-import updates in place with no new versions. <b>Identifiers</b>: the NCT
 * number under {@code https://clinicaltrials.gov/nctid} (use official), and the sponsor's
 * {@code orgStudyIdInfo.id} under {@code http://fhir.release-dpn.org/org-study-id} with the
 * registering organization as assigner, because that id is only unique within that
 * organization. <b>Title</b>: the brief title (the registry's display title, always present); the
 * official title and the acronym are kept as notes ("Official title: ...", "Acronym: ...")
 * because R4 has no element for them and HAPI 8.8.0's validator refuses R5's cross-version label
 * extension. <b>Status, phase, purpose, arm and objective types</b>: the contract's table and the
 * HL7 research-study code systems; registry values without a code are kept as text. <b>Enrolment</b>:
 * a descriptive Group (quantity = enrollmentInfo.count, age range in UCUM, sex) whose narrative
 * holds the free-text criteria. <b>Interventions</b>: R4 has no Intervention resource, so each arm
 * with interventions gets a clinical-protocol PlanDefinition, titled with the arm's name and
 * listed in ResearchStudy.protocol, with one action per intervention titled as the registry names
 * it ("Biological: Experimental Group"). <b>Sponsor and sites</b>: an Organization for the lead
 * sponsor and a Location per registered site, per trial. A record that cannot fill the
 * contract's ResearchStudy profile is refused with a
 * {@link org.releasedpn.fhir.study.ctgov.RegistryRecordException} naming the registry path.
 */
package org.releasedpn.fhir.study.ctgov;
