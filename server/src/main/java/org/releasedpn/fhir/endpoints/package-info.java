/**
 * The trial's endpoints as MeasureReports (contract section 7): {@code Measure/[id]/$evaluate-measure}
 * over the Measures of the trial's package. The analysis population and every value an endpoint
 * needs are read from HAPI's search indexes with a few database queries ({@link StoredFacts}); only
 * the adverse events that may count are read as resources, to pair each suspect entity with its
 * causality. {@link TrialEndpoints} names what each Measure computes, {@link MeasureReportWriter}
 * shapes the result as FHIR.
 */
package org.releasedpn.fhir.endpoints;
