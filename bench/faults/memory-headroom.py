#!/usr/bin/env python3
# Live heap after full GC while four writers run, and what holds it.
#
# Starts the server jar itself on a fresh data directory (or a fresh PostgreSQL database with
# --postgres), lets it settle, then takes a snapshot: a full GC (jcmd GC.run), the heap after it
# (jcmd GC.heap_info), RSS (/proc/PID/status VmRSS) and the class histogram (jcmd
# GC.class_histogram, which does its own full GC). Then --writers threads (4) POST valid Patients
# and Observations (one Patient, then three Observations referencing it; Prefer: return=minimal)
# for SECONDS, taking --samples snapshots spread over the run, and one more after the writers
# stopped. Prints live heap after full GC in MB and as a share of -Xmx, RSS, and the classes whose
# bytes grew most from the first snapshot to the last. --dump start|end|both writes heap dumps
# (jcmd GC.heap_dump, live objects only) as DATA_DIR.<moment>.hprof for HeapOwners.java.
#
# usage: memory-headroom.py SERVER_JAR DATA_DIR PORT [SECONDS=300] [--writers 4] [--samples 5]
#        [--dump start|end|both] [--postgres DBNAME] [--jvm-opt OPT ...] [FHIR_VAR=value ...]
# e.g.   memory-headroom.py server/target/dpn-fhir-server.jar /tmp/mh 18131 300 --dump both
# Loopback only: it starts the server itself on 127.0.0.1:PORT and talks to nothing else.
# Note: each snapshot's full GC stops the writers for its pause (about 1 s); the class histogram is
# another full GC.
import argparse, json, os, re, shutil, signal, subprocess, sys, threading, time, urllib.error, urllib.request

ap = argparse.ArgumentParser()
ap.add_argument("jar"); ap.add_argument("data"); ap.add_argument("port", type=int)
ap.add_argument("seconds", type=float, nargs="?", default=300)
ap.add_argument("--writers", type=int, default=4)
ap.add_argument("--samples", type=int, default=5)
ap.add_argument("--settle", type=float, default=30, help="seconds to wait after ready before the first snapshot")
ap.add_argument("--dump", choices=["start", "end", "both"], default=None)
ap.add_argument("--postgres", default=None)
ap.add_argument("--jvm-opt", action="append", default=[])
ap.add_argument("--xmx-mb", type=int, default=768)
ap.add_argument("env", nargs="*", help="FHIR_VAR=value")
A = ap.parse_args()
EXTRA = dict(a.split("=", 1) for a in A.env)
B = f"http://127.0.0.1:{A.port}/fhir"
DATA = A.data.rstrip("/")
shutil.rmtree(DATA, ignore_errors=True)
LOG = DATA + ".log"
if os.path.exists(LOG): os.remove(LOG)

def sh(*cmd, timeout=300):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout).stdout

env = dict(os.environ, FHIR_PORT=str(A.port), FHIR_DATA_DIR=DATA, **EXTRA)
if A.postgres:
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", A.postgres], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", A.postgres], check=True)
    env["FHIR_DB_URL"] = f"jdbc:postgresql://127.0.0.1:5432/{A.postgres}"
cmd = ["java", f"-Xmx{A.xmx_mb}m", "-XX:+UseSerialGC", f"-Xlog:gc:file={DATA}.gc.log:uptime"] + A.jvm_opt + ["-jar", A.jar]
t0 = time.time()
proc = subprocess.Popen(cmd, env=env, stdout=open(LOG, "ab"), stderr=subprocess.STDOUT)
PID = str(proc.pid)
for _ in range(600):
    if proc.poll() is not None: raise SystemExit(f"server exited with {proc.returncode}, see {LOG}")
    try:
        urllib.request.urlopen(B + "/metadata", timeout=5).read(); break
    except Exception:
        time.sleep(1)
else:
    raise SystemExit("server not ready after 600 s")
print(f"# ready after {time.time() - t0:.1f} s, pid {PID}, {' '.join(cmd)}", flush=True)

def rss_mb():
    for line in open(f"/proc/{PID}/status"):
        if line.startswith("VmRSS:"): return int(line.split()[1]) / 1024

def heap_info():
    t = sh("jcmd", PID, "GC.heap_info"); k = {}
    for name, pat in (("young", r"new generation\s+total (\d+)K, used (\d+)K"), ("old", r"tenured generation\s+total (\d+)K, used (\d+)K"),
                      ("meta", r"Metaspace\s+used (\d+)K, committed (\d+)K")):
        m = re.search(pat, t)
        if m: k[name] = (int(m.group(1)) / 1024, int(m.group(2)) / 1024)
    return k, t

def histogram():
    rows = {}
    for line in sh("jcmd", PID, "GC.class_histogram").splitlines():
        m = re.match(r"\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", line)
        if m: rows[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return rows

writes = {"ok": 0, "fail": 0}; fails = []; lock = threading.Lock()
snaps = []

def snapshot(moment, dump=False):
    t = time.time()
    sh("jcmd", PID, "GC.run")
    k, raw = heap_info()
    # A serial full GC compacts every live object into the tenured generation; what is in the young
    # one when heap_info reads it was allocated since (the writers keep running), so not counted.
    young_used = k.get("young", (0, 0))[1]; old_used = k.get("old", (0, 0))[1]
    live = old_used
    committed = k.get("young", (0, 0))[0] + k.get("old", (0, 0))[0]
    h = histogram()
    with open(f"{DATA}.histo-{moment}.txt", "w") as f:
        for cls, (n, b) in sorted(h.items(), key=lambda x: -x[1][1]):
            f.write(f"{b:>12} {n:>10} {cls}\n")
    if dump:
        path = f"{DATA}.{moment}.hprof"
        if os.path.exists(path): os.remove(path)
        sh("jcmd", PID, "GC.heap_dump", path, timeout=600)
    s = {"moment": moment, "elapsed_s": round(t - t_start, 0) if t_start else None, "writes": writes["ok"],
         "live_mb": round(live), "live_pct": round(100 * live / A.xmx_mb, 1), "young_after_mb": round(young_used),
         "heap_committed_mb": round(committed), "metaspace_mb": round(k.get("meta", (0, 0))[0]), "rss_mb": round(rss_mb()),
         "histo_mb": round(sum(b for _, b in h.values()) / 1048576), "load": open("/proc/loadavg").read().split()[0],
         "snapshot_s": round(time.time() - t, 1)}
    snaps.append((s, h)); print(json.dumps(s), flush=True)

def post(path, body):
    req = urllib.request.Request(B + path, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/fhir+json", "Prefer": "return=minimal"})
    try:
        r = urllib.request.urlopen(req, timeout=120); r.read(); return r.status, r.headers.get("Location", "")
    except urllib.error.HTTPError as e:
        return e.code, e.read()[:300]
    except Exception as e:
        return type(e).__name__, b""

def writer(w, stop):
    i = 0
    while not stop.is_set():
        st, loc = post("/Patient", {"resourceType": "Patient",
                                    "identifier": [{"system": "http://example.org/memory-headroom", "value": f"{RUN}-{w}-{i}"}],
                                    "name": [{"family": f"Mem{w}x{i}", "given": ["Test"]}], "gender": "female", "birthDate": "1958-03-14"})
        ok = st == 201
        with lock:
            writes["ok" if ok else "fail"] += 1
            if not ok and len(fails) < 5: fails.append((st, loc))
        if ok:
            pid = loc.split("/fhir/")[1].split("/_history")[0]
            for j in range(3):
                if stop.is_set(): break
                st, b = post("/Observation", {"resourceType": "Observation", "status": "final", "code": {"text": "Body weight"},
                                              "subject": {"reference": pid}, "effectiveDateTime": "2025-06-0%dT10:00:00Z" % (j + 1),
                                              "valueQuantity": {"value": 70 + j, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}})
                with lock:
                    writes["ok" if st == 201 else "fail"] += 1
                    if st != 201 and len(fails) < 5: fails.append((st, b))
        i += 1

RUN = str(int(time.time())); t_start = None
time.sleep(A.settle)
snapshot("start", dump=A.dump in ("start", "both"))
t_start = time.time(); stop = threading.Event()
ws = [threading.Thread(target=writer, args=(w, stop), daemon=True) for w in range(A.writers)]
[w.start() for w in ws]
for k in range(1, A.samples + 1):
    while time.time() < t_start + A.seconds * k / A.samples: time.sleep(0.5)
    if k < A.samples: snapshot(f"during-{k}")
stop.set(); [w.join(130) for w in ws]
secs = time.time() - t_start
snapshot("end", dump=A.dump in ("end", "both"))
oom = sum(1 for l in open(LOG, errors="replace") if "OutOfMemoryError" in l)
fulls = sum(1 for l in open(DATA + ".gc.log") if "Pause Full" in l)
proc.send_signal(signal.SIGTERM)
try: proc.wait(60)
except subprocess.TimeoutExpired: proc.kill(); proc.wait()
if A.postgres: subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", A.postgres])

print(f"\n{A.writers} writers, {secs:.0f} s: {writes['ok']} writes answered 201 ({writes['ok'] / secs:.1f}/s), {writes['fail']} failed {fails[:3]}; "
      f"OutOfMemoryError lines in the log: {oom}; full GCs in the GC log (including the snapshots' own): {fulls}")
print(f"\n| moment | s into writes | writes | live heap after full GC MB (tenured) | % of -Xmx{A.xmx_mb}m | histogram total MB | heap committed MB | metaspace MB | RSS MB | load |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for s, _ in snaps:
    print(f"| {s['moment']} | {s['elapsed_s'] if s['elapsed_s'] is not None else '-'} | {s['writes']} | {s['live_mb']} | {s['live_pct']} | {s['histo_mb']} | "
          f"{s['heap_committed_mb']} | {s['metaspace_mb']} | {s['rss_mb']} | {s['load']} |")
h0, h1 = snaps[0][1], snaps[-1][1]
print(f"\nTop 25 classes at the end (live, after full GC), and their change since the start:")
print("| class | instances | MB | Δ MB since start |")
print("|---|---:|---:|---:|")
for cls, (n, b) in sorted(h1.items(), key=lambda x: -x[1][1])[:25]:
    print(f"| `{cls}` | {n:,} | {b / 1048576:.1f} | {(b - h0.get(cls, (0, 0))[1]) / 1048576:+.1f} |")
print("\nClasses that grew most (MB) from the start to the end:")
print("| class | instances start → end | Δ MB |")
print("|---|---|---:|")
growth = sorted(((b - h0.get(c, (0, 0))[1], c, h0.get(c, (0, 0))[0], n) for c, (n, b) in h1.items()), reverse=True)
for d, c, n0, n1 in growth[:20]:
    print(f"| `{c}` | {n0:,} → {n1:,} | {d / 1048576:+.1f} |")
