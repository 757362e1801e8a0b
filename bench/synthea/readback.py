#!/usr/bin/env python3
"""Reads back what the server stored of Synthea Bundles and compares it with what was sent.

Usage: bench/synthea/readback.py FHIR_BASE BUNDLE.json [BUNDLE.json ...]

A patient Bundle (type transaction) is found again through its Patient's Synthea identifier, then
read with Patient/<id>/$everything (all pages), plus the Medications the medication resources
refer to and the Provenance that targets the Patient (neither is in the patient compartment).
For a hospital or practitioner Bundle (type batch) every resource of the types it holds is read.

Both sides are normalised the same way before they are compared: the resource id and
meta.versionId, meta.lastUpdated and meta.source are dropped, and every reference is replaced by
the type it points to (urn:uuid: references are resolved through the Bundle's fullUrls,
conditional references such as Organization?identifier=... become Organization). Everything else
must come back as sent, numbers as written (3.0 is not 3), which is why this is Python and not jq
1.6 (it rewrites numbers). A resource that differs from what was sent only in the order of
meta.profile is counted apart: R4 gives Meta.profile no orderMeaning, so its order carries none.

Prints per file and resource type: sent, read back, identical, identical but for the order of
meta.profile, and one example of each difference. Exit status 1 if anything sent was not read back
as sent (ignoring the order of meta.profile), else 0. Needs python3 only (standard library).
"""
import collections
import json
import sys
import urllib.parse
import urllib.request

SYNTHEA_ID = "https://github.com/synthetichealth/synthea"


def load(raw):
    number = lambda literal: ("#number", literal)
    return json.loads(raw, parse_float=number, parse_int=number)


def get(url):
    request = urllib.request.Request(url, headers={"Accept": "application/fhir+json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return load(response.read())


def read_all(url):
    resources = []
    while url:
        page = get(url)
        resources += [entry["resource"] for entry in page.get("entry", [])]
        url = next((link["url"] for link in page.get("link", []) if link["relation"] == "next"), None)
    return resources


def normaliser(bundle):
    types = {entry.get("fullUrl"): entry["resource"]["resourceType"] for entry in bundle["entry"]}

    def reference(value):
        if value.startswith("urn:uuid:"):
            return types.get(value, "urn:uuid:(not in Bundle)")
        if value.startswith("#"):
            return value
        return value.split("?")[0].split("/")[0]

    def walk(value, top):
        if isinstance(value, dict):
            out = {}
            for key, item in value.items():
                if top and key == "id":
                    continue
                if top and key == "meta":
                    item = {k: v for k, v in item.items() if k not in ("versionId", "lastUpdated", "source")}
                    if not item:
                        continue
                out[key] = reference(item) if key == "reference" and isinstance(item, str) else walk(item, False)
            return out
        if isinstance(value, list):
            return [walk(item, False) for item in value]
        return value

    def canonical(resource, any_profile_order):
        normal = walk(resource, True)
        if any_profile_order and "profile" in normal.get("meta", {}):
            normal["meta"]["profile"] = sorted(normal["meta"]["profile"])
        return json.dumps(normal, sort_keys=True)

    return canonical


def stored_for_patient_bundle(base, sent):
    patient = next(r for r in sent if r["resourceType"] == "Patient")
    ident = next(i["value"] for i in patient.get("identifier", []) if i.get("system") == SYNTHEA_ID)
    query = urllib.parse.quote(f"{SYNTHEA_ID}|{ident}")
    found = get(f"{base}/Patient?identifier={query}").get("entry", [])
    if not found:
        return None, []
    pid = found[0]["resource"]["id"]
    stored = read_all(f"{base}/Patient/{pid}/$everything?_count=500")
    medications = {r["medicationReference"]["reference"] for r in stored
                   if "medicationReference" in r and r["resourceType"] != "Medication"}
    stored += [get(f"{base}/{ref}") for ref in sorted(medications)]
    stored += read_all(f"{base}/Provenance?target=Patient/{pid}&_count=500")
    # $everything may already hold some of these: keep each stored resource once.
    unique = {(r["resourceType"], r["id"]): r for r in stored}
    return f"Patient/{pid}", list(unique.values())


def compare(base, path):
    with open(path, "rb") as f:
        bundle = load(f.read())
    canonical = normaliser(bundle)
    sent = [entry["resource"] for entry in bundle["entry"]]
    if bundle["type"] == "transaction":
        where, stored = stored_for_patient_bundle(base, sent)
        if where is None:
            print(f"{path.rsplit('/', 1)[-1]}: Patient not found (Bundle not stored)")
            return False
    else:
        where = "every " + ", ".join(sorted({r["resourceType"] for r in sent}))
        stored = [r for t in sorted({r["resourceType"] for r in sent}) for r in read_all(f"{base}/{t}?_count=500")]
    print(f"{path.rsplit('/', 1)[-1]}: {where}")
    print(f"  {'type':26} {'sent':>6} {'read':>6} {'identical':>9} {'profile order':>13}")
    complete = True
    for rtype in sorted({r["resourceType"] for r in sent}):
        mine = [r for r in sent if r["resourceType"] == rtype]
        theirs = [r for r in stored if r["resourceType"] == rtype]
        exact = collections.Counter(canonical(r, False) for r in mine) & collections.Counter(
            canonical(r, False) for r in theirs)
        loose_sent = collections.Counter(canonical(r, True) for r in mine)
        loose_read = collections.Counter(canonical(r, True) for r in theirs)
        loose = loose_sent & loose_read
        n_exact, n_loose = sum(exact.values()), sum(loose.values())
        print(f"  {rtype:26} {len(mine):6} {len(theirs):6} {n_exact:9} {n_loose - n_exact:13}")
        if n_loose < len(mine):
            complete = False
            for text in list((loose_sent - loose_read).elements())[:1]:
                print(f"    sent, not read back as sent: {text[:2000]}")
            for text in list((loose_read - loose_sent).elements())[:1]:
                print(f"    read back, not as sent:      {text[:2000]}")
    return complete


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    base = argv[1].rstrip("/")
    results = [compare(base, path) for path in argv[2:]]
    print("every resource read back as sent" if all(results) else "DIFFERENCES (see above)")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
