#!/usr/bin/env bash
# Railway benchmark: builds bench/railway (the fake Railway, the real daemon, router and CLI) and runs it once.
# Markdown tables go to stdout, progress to stderr. BENCH_RAILWAY_DEPLOYS (5) measured deploys after one warm-up,
# BENCH_RAILWAY_IDLE_SECONDS (60) of idle counting; BENCH_LOCK=FILE holds flock -s FILE around the build.
set -euo pipefail

cd "$(dirname "$0")"
log() { printf '[railway-bench] %s\n' "$*" >&2; }

tmp=$(mktemp -d /tmp/railway-bench-build-XXXXXX)
trap 'rm -rf "$tmp"' EXIT

log "building"
build=(dotnet build RailwayBench.csproj -c Release -nologo)
if [[ -n ${BENCH_LOCK:-} ]]; then build=(flock -s "$BENCH_LOCK" "${build[@]}"); fi
"${build[@]}" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; log "build failed"; exit 2; }
dotnet bin/Release/net10.0/RailwayBench.dll
