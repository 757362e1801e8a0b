#!/usr/bin/env bash
# Generates 20 Synthea patients (FHIR R4, fixed seeds) and POSTs every Bundle Synthea wrote to a
# FHIR server: the hospital and practitioner Bundles first, then one Bundle per patient. Writes a
# report with, per file, the HTTP status, size, entry count and time, and for a rejected Bundle the
# distinct error diagnostics of the OperationOutcome with their counts.
#
# Usage: bench/synthea/run.sh [out-dir]        (default: target/synthea in the repository)
#
# Environment:
#   FHIR_BASE          base URL to POST to (default http://127.0.0.1:8080/fhir)
#   ALLOW_REMOTE=1     allow a FHIR_BASE that is not a loopback address (refused otherwise)
#   SKIP_GENERATE=1    reuse the Bundles already in <out-dir>/fhir instead of running Synthea
#   SKIP_POST=1        run Synthea only
#   CURL_MAX_TIME      seconds allowed for one POST (default 1800)
#   SYNTHEA_JAVA_OPTS  JVM options for Synthea (default -Xmx2g)
#
# Needs java 17, mvn, curl and jq. Synthea 3.3.0 and its dependencies are resolved from Maven
# Central by the pom next to this script (not a module of the main build) into
# bench/synthea/target/lib. The report goes to stdout and to <out-dir>/report.txt.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$ROOT/target/synthea}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
FHIR_DIR="$OUT/fhir"
LIB="$HERE/target/lib"
FHIR_BASE="${FHIR_BASE:-http://127.0.0.1:8080/fhir}"
CURL_MAX_TIME="${CURL_MAX_TIME:-1800}"
SYNTHEA_JAVA_OPTS="${SYNTHEA_JAVA_OPTS:--Xmx2g}"

# Stock Synthea settings except for what makes the output reproducible: the seed, the clinician
# seed, and the reference and end dates (both default to "now").
SYNTHEA_ARGS=(-s 42 -cs 42 -r 20250101 -e 20250101 -p 20
    --exporter.fhir.export=true --exporter.baseDirectory="$OUT")

for tool in java curl jq; do
    command -v "$tool" >/dev/null || { echo "missing: $tool (jq: apt-get update && apt-get install -y jq)" >&2; exit 2; }
done

generate() {
    if ! compgen -G "$LIB/synthea-*.jar" >/dev/null; then
        command -v mvn >/dev/null || { echo "missing: mvn (needed once to resolve Synthea)" >&2; exit 2; }
        echo "Resolving Synthea and its dependencies into $LIB" >&2
        mvn -B -q -f "$HERE/pom.xml" dependency:copy-dependencies \
            -DoutputDirectory="$LIB" -DincludeScope=runtime >&2
    fi
    rm -rf "$FHIR_DIR" "$OUT/metadata"
    echo "Running Synthea ${SYNTHEA_ARGS[*]}" >&2
    # Synthea writes only under exporter.baseDirectory; run it there all the same.
    (cd "$OUT" && java $SYNTHEA_JAVA_OPTS -cp "$LIB/*" App "${SYNTHEA_ARGS[@]}") > "$OUT/synthea.log" 2>&1 \
        || { tail -20 "$OUT/synthea.log" >&2; echo "Synthea failed, see $OUT/synthea.log" >&2; exit 1; }
    grep -E '^Records:' "$OUT/synthea.log" >&2 || true
}

# Loopback only unless told otherwise: this script sends hundreds of MB.
check_target() {
    local host
    host="$(sed -E 's#^[a-z]+://(\[([^]]+)\]|([^/:]+)).*#\2\3#' <<<"$FHIR_BASE")"
    [[ "${ALLOW_REMOTE:-0}" == 1 ]] && return 0
    local addrs
    addrs="$(getent ahosts "$host" | awk '{print $1}' | sort -u)"
    if [[ -z "$addrs" ]] || grep -qvE '^(127\.|::1$)' <<<"$addrs"; then
        echo "refusing non-loopback FHIR_BASE $FHIR_BASE (set ALLOW_REMOTE=1 if you mean it)" >&2
        exit 2
    fi
}

# Hospital and practitioner Bundles first (the patients refer to them), then the patients.
bundle_files() {
    local f
    for f in "$FHIR_DIR"/hospitalInformation*.json "$FHIR_DIR"/practitionerInformation*.json; do
        [[ -e "$f" ]] && echo "$f"
    done
    find "$FHIR_DIR" -maxdepth 1 -name '*.json' ! -name 'hospitalInformation*' \
        ! -name 'practitionerInformation*' | LC_ALL=C sort
}

# Error diagnostics of a response, one a line: issue[severity=error|fatal].diagnostics of an
# OperationOutcome, or of each failed entry's outcome in a batch/transaction response.
diagnostics() {
    jq -r '
        def errs: .issue[]? | select(.severity == "error" or .severity == "fatal")
                  | (.diagnostics // .details.text // "(no diagnostics)");
        if .resourceType == "OperationOutcome" then errs
        elif .resourceType == "Bundle" then
            .entry[]?.response | select((.status // "") | test("^2") | not)
            | (.outcome | errs) // ("entry status " + (.status // "?"))
        else "unexpected " + (.resourceType // "body") end' "$1" 2>/dev/null \
    || { printf 'non-JSON response: '; head -c 300 "$1" | tr '\n\r' '  '; echo; }
}

post_all() {
    check_target
    local report="$OUT/report.txt" all_errors tmp
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' RETURN
    all_errors="$tmp/all-errors"
    : > "$all_errors"
    local files total=0 accepted=0 f name bytes meta type entries code time rc resp out
    mapfile -t files < <(bundle_files)
    [[ ${#files[@]} -gt 0 ]] || { echo "no Bundles in $FHIR_DIR" >&2; exit 1; }
    {
        echo "POST to $FHIR_BASE, $(date -u +%Y-%m-%dT%H:%M:%SZ), Bundles from $FHIR_DIR"
        printf '%-72s %6s %11s %7s %-12s %9s\n' file status bytes entries type seconds
    } | tee "$report"
    for f in "${files[@]}"; do
        name="$(basename "$f")"
        bytes="$(stat -c %s "$f")"
        meta="$(jq -r '"\(.type) \(.entry | length)"' "$f")"
        type="${meta% *}"
        entries="${meta#* }"
        resp="$tmp/response"
        : > "$resp"
        out="$(curl -sS -o "$resp" -w '%{http_code} %{time_total}' \
            --max-time "$CURL_MAX_TIME" -X POST \
            -H 'Content-Type: application/fhir+json' -H 'Accept: application/fhir+json' \
            --data-binary @"$f" "$FHIR_BASE" 2>"$tmp/curl-err")" && rc=0 || rc=$?
        read -r code time <<<"$out"
        total=$((total + 1))
        printf '%-72s %6s %11s %7s %-12s %9.2f\n' "$name" "$code" "$bytes" "$entries" "$type" "${time:-0}" | tee -a "$report"
        : > "$tmp/errors"
        if [[ "$rc" != 0 && "$code" == 000 ]]; then
            echo "curl: $(tr '\n' ' ' <"$tmp/curl-err")" > "$tmp/errors"
        elif [[ "$code" =~ ^2 ]]; then
            # A batch answers 200 even when entries fail: accepted only if every entry succeeded.
            diagnostics "$resp" > "$tmp/errors"
        else
            diagnostics "$resp" > "$tmp/errors"
            [[ -s "$tmp/errors" ]] || echo "(HTTP $code with no error diagnostics)" > "$tmp/errors"
        fi
        if [[ -s "$tmp/errors" ]]; then
            sort "$tmp/errors" | uniq -c | sort -rn | awk 'NR <= 12' | sed 's/^/        /' | tee -a "$report"
            local distinct
            distinct="$(sort -u "$tmp/errors" | wc -l)"
            [[ "$distinct" -le 12 ]] || echo "        ... $((distinct - 12)) more distinct messages" | tee -a "$report"
            cat "$tmp/errors" >> "$all_errors"
        else
            accepted=$((accepted + 1))
        fi
    done
    if [[ -s "$all_errors" ]]; then
        {
            echo
            echo "Distinct error diagnostics over all files (count, message):"
            sort "$all_errors" | uniq -c | sort -rn | sed 's/^/    /'
        } | tee -a "$report"
    fi
    echo "accepted $accepted of $total bundles" | tee -a "$report"
    echo "(report written to $report)" >&2
}

[[ "${SKIP_GENERATE:-0}" == 1 ]] || generate
[[ "${SKIP_POST:-0}" == 1 ]] || post_all
