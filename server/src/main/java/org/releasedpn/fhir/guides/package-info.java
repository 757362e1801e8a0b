/**
 * Implementation guides beyond the trial's: conformance resources that clients store over REST
 * (StructureDefinition, ValueSet, CodeSystem …) take part in validation and terminology at once,
 * on every server process that shares the database, and a stored StructureDefinition always has
 * a snapshot. The operator's installed packages are loaded by {@code conformance.GuidePackages}
 * and installed by {@code installation}.
 */
package org.releasedpn.fhir.guides;
