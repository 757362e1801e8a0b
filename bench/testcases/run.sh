#!/usr/bin/env bash
# Runs the R4 HL7 validator test cases against a FHIR server's $validate and reports how many
# verdict steps agree with the Java reference validator.
#
#   bench/testcases/run.sh [BASE_URL] [OUT_DIR]
#
# BASE_URL defaults to http://127.0.0.1:8080/fhir; OUT_DIR (the CSV of every step) to
# bench/results/validator-test-cases. The test-case artifact is fetched once with Maven into
# bench/target/testcases; the bench jar is (re)built when missing or older than its sources.
# Extra arguments after OUT_DIR go to the runner (--timeout-seconds N, --allow-remote).
set -euo pipefail

TESTCASES_VERSION=1.7.69
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BASE_URL=${1:-http://127.0.0.1:8080/fhir}
OUT_DIR=${2:-$ROOT/bench/results/validator-test-cases}
shift $(( $# < 2 ? $# : 2 ))

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
    "$BASE_URL" "$ARTIFACT" "$HERE/r4-validator-cases.txt" "$OUT_DIR" "$@"
