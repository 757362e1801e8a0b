#!/bin/bash
# Export of the data already loaded into DIR/data (e.g. by the bench's transaction workload), then
# ingest for the same time without and during a second export, on a fresh server process (so that
# VmHWM is the export's peak). Usage: measure-export.sh DIR PORT (DIR holds dpn-fhir-server.jar,
# dpn-fhir-bench.jar and data/; results in DIR/measure.txt, GC log in DIR/gc.log). See BENCHMARKS.md.
set -u
DIR=$1; PORT=$2
cd "$DIR"
B=http://127.0.0.1:$PORT/fhir
FHIR_PORT=$PORT FHIR_DATA_DIR=$DIR/data java -Xmx768m -XX:+UseSerialGC -Xlog:gc:file=$DIR/gc.log \
  -jar dpn-fhir-server.jar > measure-server.log 2>&1 &
PID=$!; echo $PID > measure-server.pid
until curl -fs $B/metadata > /dev/null; do sleep 2; done
cpu() { awk '{print $14+$15}' /proc/$PID/stat; }
hwm() { grep VmHWM /proc/$PID/status | awk '{print $2}'; }
note() { echo "$(date +%T) $*" | tee -a measure.txt; }
note "ready; VmHWM $(hwm) kB cpu $(cpu) ticks load $(cut -d" " -f1-3 /proc/loadavg)"
export_run() { # $1 label: system export of every type, polled every second
  local c0=$(cpu) t0=$(date +%s.%N)
  local poll=$(curl -si "$B/\$export" -H 'Accept: application/fhir+json' -H 'Prefer: respond-async' | tr -d '\r' | awk -F': ' 'tolower($1)=="content-location"{print $2}')
  local code=202
  while [ "$code" = 202 ]; do sleep 1; code=$(curl -s -o manifest-$1.json -w '%{http_code}' "$poll"); done
  local t1=$(date +%s.%N) c1=$(cpu)
  echo "$t1 - $t0" | bc > seconds-$1.txt
  note "export $1: HTTP $code after $(cat seconds-$1.txt) s; server CPU $(( (c1-c0) )) ticks; VmHWM $(hwm) kB; load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "$poll" > poll-$1.txt
}
# 1. the export alone
export_run alone
# count the exported resources per type
python3 - <<'PY' | tee -a measure.txt
import json, urllib.request, collections
m = json.load(open('manifest-alone.json'))
counts = collections.Counter()
for f in m['output']:
    with urllib.request.urlopen(urllib.request.Request(f['url'], headers={'Accept': 'application/fhir+ndjson'})) as r:
        counts[f['type']] += sum(1 for line in r if line.strip())
print('exported', sum(counts.values()), 'resources in', len(m['output']), 'files:', dict(counts))
PY
# both ingest runs last as long as 80 % of the export alone did (bounded 20..90 s), so that the export runs throughout the second
SECS=$(python3 -c "print(max(20, min(90, int(float(open('seconds-alone.txt').read()) * 0.8))))")
note "ingest runs: $SECS s each"
# 2. ingest without an export
c0=$(cpu)
java -jar dpn-fhir-bench.jar ingest --base-url $B --clients 2 --requests 100000 --subjects 4 --warmup 20 --max-seconds $SECS --run-id noexp --out ingest-alone.json > ingest-alone.out 2> ingest-alone.err
note "ingest alone: server CPU $(( $(cpu) - c0 )) ticks; load $(cut -d' ' -f1-3 /proc/loadavg)"
# 3. ingest while an export runs
c0=$(cpu)
export_run during > export-during.out 2>&1 &
EXP=$!
java -jar dpn-fhir-bench.jar ingest --base-url $B --clients 2 --requests 100000 --subjects 4 --warmup 20 --max-seconds $SECS --run-id withexp --out ingest-export.json > ingest-export.out 2> ingest-export.err
note "ingest during export: server CPU $(( $(cpu) - c0 )) ticks (ingest and export); load $(cut -d' ' -f1-3 /proc/loadavg)"
wait $EXP
note "final VmHWM $(hwm) kB"
kill $PID; wait $PID
echo done >> measure.txt
