#!/usr/bin/env bash
# Puts US Core and its dependencies into a FHIR package cache, in the standard layout
# <cache>/<name>#<version>/package/..., from the registries this project can reach (the npm
# registry) or from .tgz files given on the command line.
#
# Usage: bench/synthea/fetch-us-core.sh [package.tgz ...]
#
# Environment:
#   FHIR_PACKAGE_CACHE  the cache folder (default ~/.fhir/packages)
#
# Synthea 3.3.0 claims US Core 5.0.1 (its default exporter.fhir.us_core_version; the profile URLs in
# meta.profile carry no version). hl7.fhir.us.core#5.0.1 declares these dependencies:
#   hl7.fhir.r4.core 4.0.1, hl7.terminology.r4 3.1.0, hl7.fhir.uv.bulkdata 2.0.0,
#   hl7.fhir.uv.smart-app-launch 2.0.0, us.nlm.vsac 0.7.0, hl7.fhir.uv.sdc 3.0.0
# The npm registry carries none of hl7.fhir.us.core (the name is there, with no version),
# hl7.fhir.r4.core (likewise), bulkdata, smart-app-launch or us.nlm.vsac; it does carry one
# version each of the packages below, newer than those US Core 5.0.1 names. Maven Central has no
# artifact with a US Core package that we know of. So US Core itself has to come as a .tgz
# argument (the official package file, package/package.json naming hl7.fhir.us.core); every
# .tgz argument is installed under the name and version its package.json gives.
# The base R4 definitions (hl7.fhir.r4.core) are built into HAPI and need no package here.
set -euo pipefail

CACHE="${FHIR_PACKAGE_CACHE:-$HOME/.fhir/packages}"
NPM_PACKAGES=(
    hl7.terminology.r4@7.0.1                    # US Core 5.0.1 names 3.1.0
    hl7.fhir.uv.extensions.r4@5.3.0-ballot-tc1  # a dependency of hl7.terminology.r4 7.0.1 (names 5.2.0)
    hl7.fhir.uv.sdc@4.0.0-ballot                # US Core 5.0.1 names 3.0.0
)

command -v tar >/dev/null || { echo "missing: tar" >&2; exit 2; }
mkdir -p "$CACHE"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Unpacks one FHIR package .tgz into the cache under the name#version its package.json gives.
install_tgz() {
    local tgz="$1" manifest name version dest
    manifest="$(tar -xzOf "$tgz" package/package.json 2>/dev/null)" \
        || { echo "not a FHIR package (no package/package.json): $tgz" >&2; return 1; }
    name="$(sed -nE 's/^[[:space:]]*"name"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' <<<"$manifest" | head -n 1)"
    version="$(sed -nE 's/^[[:space:]]*"version"[[:space:]]*:[[:space:]]*"([^"]+)".*/\1/p' <<<"$manifest" | head -n 1)"
    [[ -n "$name" && -n "$version" && "$name" != */* ]] \
        || { echo "no FHIR package name/version in package.json of $tgz" >&2; return 1; }
    grep -qE '"(fhirVersions|fhir-version-list|fhirVersion)"' <<<"$manifest" \
        || { echo "not a FHIR package (package.json names no FHIR version): $tgz" >&2; return 1; }
    dest="$CACHE/$name#$version"
    if [[ -f "$dest/package/package.json" ]]; then
        echo "present   $name#$version  $dest"
        return 0
    fi
    rm -rf "$dest.tmp"
    mkdir -p "$dest.tmp"
    tar -xzf "$tgz" -C "$dest.tmp"
    rm -rf "$dest"
    mv "$dest.tmp" "$dest"
    echo "installed $name#$version  $dest"
}

for spec in "${NPM_PACKAGES[@]}"; do
    name="${spec%@*}"
    version="${spec##*@}"
    if [[ -f "$CACHE/$name#$version/package/package.json" ]]; then
        echo "present   $name#$version  $CACHE/$name#$version"
        continue
    fi
    command -v npm >/dev/null || { echo "missing: npm (needed for $spec)" >&2; exit 2; }
    tgz="$(cd "$work" && npm pack --silent "$spec" | tail -n 1)"
    install_tgz "$work/$tgz"
done

for tgz in "$@"; do
    install_tgz "$tgz"
done

if ! compgen -G "$CACHE/hl7.fhir.us.core#*" >/dev/null; then
    cat >&2 <<'EOF'
US Core is not in the cache: no reachable registry carries hl7.fhir.us.core. Pass the official
package file as an argument, e.g. bench/synthea/fetch-us-core.sh hl7.fhir.us.core-5.0.1.tgz
EOF
    exit 3
fi
