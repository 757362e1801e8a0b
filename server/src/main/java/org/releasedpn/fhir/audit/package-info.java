/**
 * The audit trail: who read or changed what, and every refused request, as FHIR {@code AuditEvent}
 * resources shaped after IHE Basic Audit Log Patterns (BALP). {@link AuditedInteractions} (HAPI
 * interceptor) and {@link AuditedRefusals} (servlet filter, for what is refused before HAPI) build
 * the events with {@link AuditEvents}; {@link AuditTrail} stores them: a write's events in the
 * write's own database transaction, the others within a second. {@link AuditEventsReadOnly} keeps
 * clients from writing to the trail.
 */
package org.releasedpn.fhir.audit;
