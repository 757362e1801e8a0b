#!/usr/bin/env python3
# Large transaction and batch Bundles while other clients keep reading.
#
# For each Bundle type and size N it starts the server jar itself on a fresh data directory
# (DATA_DIR/<type>-<N>, or a fresh PostgreSQL database with --postgres), POSTs one Bundle of N
# entries (N/2 Patients with a unique identifier, N/2 Observations with status, code text and
# valueQuantity; in a transaction each Observation references its Patient by urn:uuid fullUrl, in a
# batch a Patient stored before), while two other client threads ask GET /metadata and
# GET /Patient?_count=10, one request every 200 ms each. It reports per run: status, wall time, time
# per entry, body size, the other clients' p50/p99/max and non-2xx, the server's garbage collections
# during the POST (jstat -gcutil counters, the GC log's full GCs with heap after), the old
# generation's highest occupancy, and whether the log shows an OutOfMemoryError. A POST still
# running after --limit seconds (600) is reported as not completed and its server is killed.
#
# usage: large-bundles.py SERVER_JAR DATA_DIR PORT [--sizes 1000,5000,10000,20000]
#        [--types transaction,batch] [--limit 600] [--postgres DBPREFIX] [--jfr N]
#        [--histo N] [--dump N:SECONDS] [--jvm-opt OPT ...] [FHIR_VAR=value ...]
# e.g.   large-bundles.py server/target/dpn-fhir-server.jar /tmp/lb 18121
#        large-bundles.py server/target/dpn-fhir-server.jar /tmp/lbpg 18122 --sizes 5000,20000 --postgres lb
# Loopback only: it starts the server itself on 127.0.0.1:PORT and talks to nothing else.
# --postgres P creates a database P_<type>_<N> per run on 127.0.0.1:5432 (createdb, user postgres)
# and drops it after the run. --jfr N records a JFR (settings=profile) of the POST of size N into
# DATA_DIR/<type>-<N>.jfr; --histo N writes a class histogram every 60 s of that POST
# (DATA_DIR/<type>-<N>.histo-<s>s.txt); --dump N:S a heap dump S seconds into it. The JVM gets
# -Xmx768m -XX:+UseSerialGC and -Xlog:gc to DATA_DIR/<run>.gc.log.
import argparse, json, os, re, shutil, signal, subprocess, sys, threading, time, urllib.error, urllib.request, uuid

ap = argparse.ArgumentParser()
ap.add_argument("jar"); ap.add_argument("data"); ap.add_argument("port", type=int)
ap.add_argument("--sizes", default="1000,5000,10000,20000")
ap.add_argument("--types", default="transaction,batch")
ap.add_argument("--limit", type=float, default=600)
ap.add_argument("--postgres", default=None)
ap.add_argument("--jfr", type=int, default=None)
ap.add_argument("--jvm-opt", action="append", default=[])
ap.add_argument("--histo", type=int, default=None, help="size N: class histogram every 60 s during its POST")
ap.add_argument("--dump", default=None, help="N:SECONDS: heap dump of live objects SECONDS into the POST of size N")
ap.add_argument("env", nargs="*", help="FHIR_VAR=value")
A = ap.parse_args()
EXTRA = dict(a.split("=", 1) for a in A.env)
B = f"http://127.0.0.1:{A.port}/fhir"
os.makedirs(A.data, exist_ok=True)

def sh(*cmd, timeout=120):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout).stdout

def rss_mb(pid):
    try:
        for line in open(f"/proc/{pid}/status"):
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None

def load():
    return open("/proc/loadavg").read().split()[:3]

class Server:
    def __init__(self, name):
        self.name = name
        self.dir = os.path.join(A.data, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.log = self.dir + ".log"; self.gclog = self.dir + ".gc.log"
        for f in (self.log, self.gclog):
            if os.path.exists(f): os.remove(f)
        env = dict(os.environ, FHIR_PORT=str(A.port), FHIR_DATA_DIR=self.dir, **EXTRA)
        self.db = None
        if A.postgres:
            self.db = f"{A.postgres}_{name.replace('-', '_')}"
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", self.db], check=True)
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.db], check=True)
            env["FHIR_DB_URL"] = f"jdbc:postgresql://127.0.0.1:5432/{self.db}"
        cmd = ["java", "-Xmx768m", "-XX:+UseSerialGC", f"-Xlog:gc:file={self.gclog}:uptime"] + A.jvm_opt + ["-jar", A.jar]
        self.t0 = time.time()
        self.p = subprocess.Popen(cmd, env=env, stdout=open(self.log, "ab"), stderr=subprocess.STDOUT)
        for _ in range(600):
            if self.p.poll() is not None:
                raise SystemExit(f"server exited with {self.p.returncode}, see {self.log}")
            try:
                urllib.request.urlopen(B + "/metadata", timeout=5).read(); break
            except Exception:
                time.sleep(1)
        else:
            raise SystemExit("server not ready after 600 s")
        self.ready_s = time.time() - self.t0
        # jstat -gcutil -t: one line a second, stamped with our clock (its Timestamp column is JVM uptime)
        self.gc = []; self.js = subprocess.Popen(["jstat", "-gcutil", "-t", str(self.p.pid), "1000"],
                                                stdout=subprocess.PIPE, text=True)
        threading.Thread(target=self._read_jstat, daemon=True).start()

    def _read_jstat(self):
        cols = None
        for line in self.js.stdout:
            f = line.split()
            if f and f[0] == "Timestamp": cols = f; continue
            if cols and len(f) == len(cols):
                self.gc.append((time.time(), {c: float(v) if v not in ("-", "") else 0.0 for c, v in zip(cols, f)}))

    def gc_at(self, t):  # last jstat sample at or before wall time t
        best = None
        for ts, row in list(self.gc):
            if ts <= t: best = row
        return best

    def uptime_offset(self):  # wall time minus JVM uptime, from jstat's own timestamps
        s = list(self.gc)
        return s[-1][0] - s[-1][1]["Timestamp"] if s else self.t0

    def pauses(self, t_from, t_to):
        """GC pauses in the GC log between two wall times: (kind, before MB, after MB, pause ms)."""
        off = self.uptime_offset(); out = []
        try: lines = open(self.gclog).read().splitlines()
        except OSError: return out
        for l in lines:
            m = re.match(r"\[(\d+\.\d+)s\].*Pause (Young|Full).*?(\d+)M->(\d+)M\((\d+)M\) (\d+\.\d+)ms", l)
            if m and t_from <= float(m.group(1)) + off <= t_to:
                out.append((m.group(2), int(m.group(3)), int(m.group(4)), float(m.group(6))))
        return out

    def oom(self):
        try: return sum(1 for l in open(self.log, errors="replace") if "OutOfMemoryError" in l)
        except OSError: return 0

    def stop(self, kill=False):
        if self.p.poll() is None:
            self.p.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try: self.p.wait(60)
            except subprocess.TimeoutExpired:
                self.p.kill(); self.p.wait()
        self.js.terminate()
        if self.db:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", self.db])

def post(path, body, timeout, headers=None):
    req = urllib.request.Request(B + path, data=body, method="POST",
                                 headers=dict({"Content-Type": "application/fhir+json"}, **(headers or {})))
    try:
        r = urllib.request.urlopen(req, timeout=timeout); return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()

def bundle(kind, n, run):
    """n entries: n/2 Patients, n/2 Observations (one per Patient)."""
    entries = []
    for i in range(n // 2):
        pid = str(uuid.uuid4())
        entries.append({"fullUrl": f"urn:uuid:{pid}",
                        "resource": {"resourceType": "Patient",
                                     "identifier": [{"system": "http://example.org/large-bundle", "value": f"{run}-{i}"}],
                                     "name": [{"family": f"Bulk{i}", "given": ["Test"]}],
                                     "gender": "female" if i % 2 else "male", "birthDate": "1960-01-%02d" % (i % 28 + 1)},
                        "request": {"method": "POST", "url": "Patient"}})
        subject = f"urn:uuid:{pid}" if kind == "transaction" else "Patient/lb-anchor"
        entries.append({"fullUrl": f"urn:uuid:{uuid.uuid4()}",
                        "resource": {"resourceType": "Observation", "status": "final",
                                     "code": {"text": "Body weight"}, "subject": {"reference": subject},
                                     "effectiveDateTime": "2025-06-01T10:00:00Z",
                                     "valueQuantity": {"value": 60 + i % 40, "unit": "kg",
                                                       "system": "http://unitsofmeasure.org", "code": "kg"}},
                        "request": {"method": "POST", "url": "Observation"}})
    return json.dumps({"resourceType": "Bundle", "type": kind, "entry": entries}, separators=(",", ":")).encode()

def reader(path, lat, errs, stop):
    """One request every 200 ms (the next one at once when a request took longer)."""
    nxt = time.time()
    while not stop.is_set():
        t0 = time.time(); st = None
        try:
            r = urllib.request.urlopen(B + path, timeout=60); r.read(); st = r.status
        except urllib.error.HTTPError as e:
            st = e.code
        except Exception as e:
            st = type(e).__name__
        lat.append((t0, time.time() - t0, st))
        if not (isinstance(st, int) and 200 <= st < 300): errs.append((t0, st))
        nxt = max(nxt + 0.2, time.time()); stop.wait(max(0, nxt - time.time()))

def pct(xs, p):
    xs = sorted(xs); return xs[min(len(xs) - 1, int(len(xs) * p))] if xs else float("nan")

def run(kind, n):
    name = f"{kind}-{n}"
    body = bundle(kind, n, f"{name}-{int(time.time())}")
    limit_bytes = int(EXTRA.get("FHIR_MAX_REQUEST_BYTES", 16777216))
    if len(body) > limit_bytes:
        print(f"# {name}: body {len(body)} bytes > FHIR_MAX_REQUEST_BYTES {limit_bytes}; posting anyway (expect 413)", flush=True)
    s = Server(name)
    if kind == "batch":
        req = urllib.request.Request(B + "/Patient/lb-anchor", method="PUT", headers={"Content-Type": "application/fhir+json"},
                                     data=json.dumps({"resourceType": "Patient", "id": "lb-anchor"}).encode())
        urllib.request.urlopen(req, timeout=60).read()
    time.sleep(3)  # at least a few jstat samples before
    stop = threading.Event(); lat = {"/metadata": [], "/Patient?_count=10": []}; errs = {k: [] for k in lat}
    readers = [threading.Thread(target=reader, args=(k, lat[k], errs[k], stop), daemon=True) for k in lat]
    [t.start() for t in readers]
    time.sleep(5)  # baseline latency before the POST
    if A.jfr == n:
        sh("jcmd", str(s.p.pid), "JFR.start", "name=lb", "settings=profile", f"filename={s.dir}.jfr")
    result = {}
    def do_post():
        t = time.time()
        try: result["status"], result["resp"] = post("", body, A.limit + 60)
        except Exception as e: result["status"], result["resp"] = type(e).__name__, b""
        result["secs"] = time.time() - t
    t_start = time.time(); la0 = load()
    pt = threading.Thread(target=do_post, daemon=True); pt.start()
    max_old = 0.0; max_rss = 0.0; next_histo = t_start + 60
    dump_n, dump_s = map(float, A.dump.split(":")) if A.dump else (None, None)
    while pt.is_alive() and time.time() - t_start < A.limit:
        pt.join(1)
        if A.histo == n and time.time() >= next_histo:
            with open(f"{s.dir}.histo-{int(next_histo - t_start)}s.txt", "w") as f:
                f.write(sh("jcmd", str(s.p.pid), "GC.class_histogram", timeout=300))
            next_histo += 60
        if dump_n == n and dump_s is not None and time.time() - t_start >= dump_s:
            sh("jcmd", str(s.p.pid), "GC.heap_dump", f"{s.dir}.{int(dump_s)}s.hprof", timeout=600); dump_s = None
        g = s.gc_at(time.time()); r = rss_mb(s.p.pid)
        if g: max_old = max(max_old, g["O"])
        if r: max_rss = max(max_rss, r)
    t_end = time.time(); completed = not pt.is_alive(); la1 = load()
    if A.jfr == n and completed:
        sh("jcmd", str(s.p.pid), "JFR.stop", "name=lb")
    time.sleep(1.5)
    g0, g1 = s.gc_at(t_start), s.gc_at(t_end + 1.2)
    stop.set(); [t.join(65) for t in readers]
    pauses = s.pauses(t_start, t_end + 1); fulls = [x for x in pauses if x[0] == "Full"]
    oom = s.oom()
    s.stop(kill=not completed)
    status = result.get("status") if completed else "not completed"
    resp = result.get("resp", b"")
    failed_entries = ok_entries = None
    if completed and resp[:1] == b"{":
        try:
            rb = json.loads(resp)
            if rb.get("resourceType") == "Bundle":
                sts = [e.get("response", {}).get("status", "") for e in rb.get("entry", [])]
                ok_entries = sum(1 for x in sts if x[:1] == "2"); failed_entries = len(sts) - ok_entries
            else:
                print(f"# {name}: {resp[:600].decode(errors='replace')}", flush=True)
        except ValueError:
            pass
    secs = result.get("secs", t_end - t_start)
    out = {"run": name, "entries": n, "status": status, "seconds": round(secs, 1),
           "ms_per_entry": round(secs * 1000 / n, 2), "body_mb": round(len(body) / 1048576, 2),
           "response_mb": round(len(resp) / 1048576, 2), "entries_ok": ok_entries, "entries_failed": failed_entries,
           "ready_s": round(s.ready_s, 1), "load_before": la0, "load_after": la1,
           "old_gen_max_pct": max_old, "rss_max_mb": round(max_rss),
           "young_gcs": g1 and g0 and int(g1["YGC"] - g0["YGC"]), "young_gc_s": g1 and g0 and round(g1["YGCT"] - g0["YGCT"], 2),
           "full_gcs": g1 and g0 and int(g1["FGC"] - g0["FGC"]), "full_gc_s": g1 and g0 and round(g1["FGCT"] - g0["FGCT"], 2),
           "full_gcs_log": [f"{b}M->{a}M {ms:.0f}ms" for _, b, a, ms in fulls],
           "gc_pause_max_ms": round(max([ms for *_, ms in pauses], default=0)), "gc_pause_total_s": round(sum(ms for *_, ms in pauses) / 1000, 2),
           "oom_lines": oom}
    for k in lat:
        before = [d for t0, d, _ in lat[k] if t0 < t_start]
        during = [d for t0, d, _ in lat[k] if t_start <= t0 <= t_end]
        e = [st for t0, st in errs[k] if t_start <= t0 <= t_end]
        out[k] = {"n": len(during), "p50_ms": round(pct(during, .5) * 1000), "p99_ms": round(pct(during, .99) * 1000),
                  "max_ms": round(max(during) * 1000) if during else None, "non2xx": e,
                  "idle_p50_ms": round(pct(before, .5) * 1000)}
    print(json.dumps(out), flush=True)
    return out

results = []
for kind in A.types.split(","):
    for n in map(int, A.sizes.split(",")):
        results.append(run(kind, n))

print("\n| type | N | status | s | ms/entry | body MB | entries ok/failed | /metadata p50/p99/max ms | /Patient p50/p99/max ms | non-2xx | young GCs (s) | full GCs (s) | full GCs: heap before->after | longest pause ms | old gen max % | RSS max MB | OOM | load before→after |")
print("|" + "---|" * 18)
for r in results:
    m, p = r["/metadata"], r["/Patient?_count=10"]
    print(f"| {r['run'].split('-')[0]} | {r['entries']:,} | {r['status']} | {r['seconds']} | {r['ms_per_entry']} | {r['body_mb']} | "
          f"{r['entries_ok']}/{r['entries_failed']} | {m['p50_ms']}/{m['p99_ms']}/{m['max_ms']} | {p['p50_ms']}/{p['p99_ms']}/{p['max_ms']} | "
          f"{len(m['non2xx']) + len(p['non2xx'])} | {r['young_gcs']} ({r['young_gc_s']}) | {r['full_gcs']} ({r['full_gc_s']}) | "
          f"{', '.join(r['full_gcs_log'][:4])}{' …' if len(r['full_gcs_log']) > 4 else ''} | {r['gc_pause_max_ms']} | {r['old_gen_max_pct']} | {r['rss_max_mb']} | "
          f"{'yes' if r['oom_lines'] else 'no'} | {' '.join(r['load_before'][:1])}→{' '.join(r['load_after'][:1])} |")
for kind in A.types.split(","):
    ok = [r["entries"] for r in results if r["run"].startswith(kind) and isinstance(r["status"], int) and 200 <= r["status"] < 300
          and max(r["/metadata"]["p99_ms"], r["/Patient?_count=10"]["p99_ms"]) < 1000 and not r["/metadata"]["non2xx"]
          and not r["/Patient?_count=10"]["non2xx"]]
    print(f"{kind}: largest N completed with the other clients' p99 < 1 s: {max(ok) if ok else 'none'}")
