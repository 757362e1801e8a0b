#!/usr/bin/env python3
# Where a server's CPU samples went, from a JFR recording: by request kind, then by component.
# usage: jfr-breakdown.py RECORDING.jfr      (runs `jfr print --json --stack-depth 64`)
# Request kind from the frames: a POST (transaction/batch/create, or validation/transaction frames),
# a GET with JPA frames (a search), any other GET (here: /metadata), threads outside Jetty's pool.
# Component: the first of these met from the top of the stack: validation, trial rules,
# search-parameter extraction, H2, Hibernate, HAPI's containResources scan, JSON encode/parse, Jetty.
# JFR keeps 64 frames by default; deeper stacks are classified by what those frames show.
import collections, json, subprocess, sys
out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", sys.argv[1]],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
kinds = collections.Counter(); sub = collections.defaultdict(collections.Counter)
def kind(th, j):
    if not th.startswith("http"): return "non-request threads (" + th.split("-")[0] + ")"
    if any(m in j for m in ("RestfulServer.doPost", "TransactionProcessor", "ValidationInterceptor", "org.hl7.fhir.validation",
                            "FhirInstanceValidator", "BaseHapiFhirResourceDao.doCreate")): return "POST (transaction/batch/create)"
    if "RestfulServer.doGet" in j and "ca.uhn.fhir.jpa" in j: return "GET with JPA frames (search)"
    if "RestfulServer.doGet" in j or "Capability" in j: return "GET without JPA frames (/metadata)"
    if "org.eclipse.jetty" in j and "RestfulServer" not in j: return "Jetty I/O outside a servlet"
    return "other request"
RULES = [("validation (HL7 validator)", ("ValidationInterceptor", "FhirInstanceValidator", "org.hl7.fhir.validation", "ReusingInstanceValidator")),
         ("trial rules", ("org.releasedpn.fhir.study",)), ("search-parameter extraction", ("SearchParamExtractor",)),
         ("H2", ("org.h2",)), ("Hibernate", ("org.hibernate",)), ("encode: containResources scan", ("containResources",)),
         ("JSON encode", ("JsonParser.encode", "BaseParser.encode")), ("JSON parse", ("JsonParser.parse", "ParserState")),
         ("Jetty I/O", ("org.eclipse.jetty",))]
for e in events:
    st = e["values"].get("stackTrace"); th = (e["values"].get("sampledThread") or {}).get("javaName") or "?"
    ns = [(f["method"]["type"]["name"] + "." + f["method"]["name"]).replace("/", ".") for f in (st["frames"] if st else [])]
    k = kind(th, " ".join(ns)); kinds[k] += 1; cat = "other"
    for n in ns:
        hit = next((c for c, marks in RULES if any(m in n for m in marks)), None)
        if hit: cat = hit; break
    sub[k][cat] += 1
n = len(events); print(f"{n} CPU samples")
for k, c in kinds.most_common():
    print(f"{c:6d} {100 * c / n:5.1f} %  {k}")
    for cc, v in sub[k].most_common(9): print(f"           {v:6d} {100 * v / c:5.1f} %  {cc}")
