#!/usr/bin/env bash
# Cluster benchmark (issue 11): builds bench/cluster (with the real daemon, router and CLI it references) and runs it
# once. Markdown tables go to stdout, progress to stderr. Knobs: BENCH_CLUSTER_DEPLOYS (50), BENCH_CLUSTER_KILLS (3),
# BENCH_CLUSTER_WRK_SECONDS (10) and the others in README.md; BENCH_LOCK=FILE holds flock -s FILE around the build.
set -euo pipefail

cd "$(dirname "$0")"
log() { printf '[cluster-bench] %s\n' "$*" >&2; }

for tool in dotnet node redis-server wrk; do
  command -v "$tool" >/dev/null || { log "$tool is needed and not installed"; exit 2; }
done

build_log=$(mktemp /tmp/cluster-bench-build-XXXXXX.log)
trap 'rm -f "$build_log"' EXIT
log "building"
build=(dotnet build ClusterBench.csproj -c Release -nologo)
if [[ -n ${BENCH_LOCK:-} ]]; then build=(flock -s "$BENCH_LOCK" "${build[@]}"); fi
"${build[@]}" >"$build_log" 2>&1 || { cat "$build_log" >&2; log "build failed"; exit 2; }
rm -f "$build_log"
trap - EXIT
# The program is this process from here on: SIGINT and SIGTERM reach it, and it stops everything it started.
exec dotnet bin/Release/net10.0/ClusterBench.dll
