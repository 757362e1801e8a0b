#!/usr/bin/env python3
# kill -9 during concurrent writes, then read back every acknowledged id.
# usage: kill-during-writes.py SERVER_JAR DATA_DIR PORT SECONDS [FHIR_VAR=value ...]
# Loopback only: it starts the server itself on 127.0.0.1:PORT and talks to nothing else.
import subprocess, threading, time, urllib.request, json, os, signal, sys, shutil
JAR=sys.argv[1]; DATA=sys.argv[2]; PORT=int(sys.argv[3]); SECS=float(sys.argv[4]); EXTRA=dict(a.split('=',1) for a in sys.argv[5:])
B=f"http://127.0.0.1:{PORT}/fhir"
def start():
    env=dict(os.environ, FHIR_PORT=str(PORT), FHIR_DATA_DIR=DATA, **EXTRA)
    p=subprocess.Popen(["java","-Xmx768m","-XX:+UseSerialGC","-jar",JAR],env=env,stdout=open(DATA+".log","ab"),stderr=subprocess.STDOUT)
    for _ in range(300):
        try:
            urllib.request.urlopen(B+"/metadata",timeout=5).read(); return p
        except Exception: time.sleep(1)
    raise SystemExit("not ready")
acked=[]; lock=threading.Lock(); stop=time.time()
def writer(n):
    i=0
    while time.time()<stop:
        body=json.dumps({"resourceType":"Patient","name":[{"family":f"K{n}-{i}"}]}).encode()
        req=urllib.request.Request(B+"/Patient",data=body,headers={"Content-Type":"application/fhir+json","Prefer":"return=minimal"},method="POST")
        try:
            r=urllib.request.urlopen(req,timeout=10)
            if r.status==201:
                with lock: acked.append(r.headers["Location"].split("/_history")[0].split("/fhir/")[1])
        except Exception: pass
        i+=1
p=start(); t0=time.time(); stop=time.time()+SECS
ts=[threading.Thread(target=writer,args=(n,)) for n in range(4)]
[t.start() for t in ts]
time.sleep(SECS); os.kill(p.pid, signal.SIGKILL); p.wait()
[t.join() for t in ts]
p=start(); missing=0
for id in acked:
    try: urllib.request.urlopen(B+"/"+id,timeout=10).read()
    except Exception: missing+=1
os.kill(p.pid, signal.SIGTERM); p.wait()
print(f"acknowledged {len(acked)} lost {missing} ({len(acked)/SECS:.1f} acked/s)")
