#!/usr/bin/env bash
# Runs the R4 HL7 validator test cases against a FHIR server's $validate and reports how many
# verdict steps agree with the Java reference validator; with --compare-create, how many cases get
# the same verdict from the server's $validate?mode=create as from its create.
#
#   bench/testcases/run.sh [BASE_URL] [OUT_DIR] [--compare-create] [--timeout-seconds N] [--allow-remote]
#
# BASE_URL defaults to http://127.0.0.1:8080/fhir; OUT_DIR (where the CSV goes) to
# bench/results/validator-test-cases. The test-case artifact is fetched once with Maven into
# bench/target/testcases; the bench jar is (re)built when missing or older than its sources.
# Options (anything starting with --) may stand anywhere and go to the runner as they are.
set -euo pipefail

POSITIONAL=()
OPTIONS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --timeout-seconds) OPTIONS+=("$1" "${2:?--timeout-seconds needs a value}"); shift 2 ;;
        --*) OPTIONS+=("$1"); shift ;;
        *) POSITIONAL+=("$1"); shift ;;
    esac
done
if [ ${#POSITIONAL[@]} -gt 2 ]; then
    echo "usage: $0 [BASE_URL] [OUT_DIR] [--compare-create] [--timeout-seconds N] [--allow-remote]" >&2
    exit 2
fi

TESTCASES_VERSION=1.7.69
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BASE_URL=${POSITIONAL[0]:-http://127.0.0.1:8080/fhir}
OUT_DIR=${POSITIONAL[1]:-$ROOT/bench/results/validator-test-cases}

CACHE=$ROOT/bench/target/testcases
ARTIFACT=$CACHE/fhir-test-cases-$TESTCASES_VERSION.jar
if [ ! -f "$ARTIFACT" ]; then
    mkdir -p "$CACHE"
    # From a folder without a pom, so Maven does not run the goal once per module of the build.
    (cd "$CACHE" && mvn -q dependency:copy \
        -Dartifact=org.hl7.fhir.testcases:fhir-test-cases:$TESTCASES_VERSION -DoutputDirectory="$CACHE")
fi

BENCH_JAR=$ROOT/bench/target/dpn-fhir-bench.jar
if [ ! -f "$BENCH_JAR" ] || [ "$ROOT/bench/pom.xml" -nt "$BENCH_JAR" ] \
        || [ -n "$(find "$ROOT/bench/src/main" -newer "$BENCH_JAR" -print -quit)" ]; then
    (cd "$ROOT" && mvn -B -q -pl bench -DskipTests package)
fi

exec java -cp "$BENCH_JAR" org.releasedpn.fhir.bench.testcases.ValidatorTestCases \
    "$BASE_URL" "$ARTIFACT" "$HERE/r4-validator-cases.txt" "$OUT_DIR" ${OPTIONS[@]+"${OPTIONS[@]}"}
