/**
 * The pseudonymised view: what a client without the scope {@code dpn/identified} (or a request with
 * {@code X-Dpn-View: pseudonymised}) reads. {@link PseudonymisationRules} are data (the rules file,
 * checked against FHIR R4 at start); {@link Pseudonymisation} applies them to a copy of a resource;
 * {@link PseudonymisedViewPolicy} decides who gets the view; {@link PseudonymisedAnswers} masks what
 * such a client reads, {@link ReidentifyingSearches} refuses its searches by removed values. The
 * data-protection profile is docs/data-protection.md.
 */
package org.releasedpn.fhir.pseudonymisation;
