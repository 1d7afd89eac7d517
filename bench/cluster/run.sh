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

tmp=$(mktemp -d /tmp/cluster-bench-build-XXXXXX)
bench_pid=
cleanup() {
  # The program cleans up its own processes on SIGINT/SIGTERM; pass the signal on and wait for it to finish.
  if [[ -n $bench_pid ]] && kill -0 "$bench_pid" 2>/dev/null; then
    kill -TERM "$bench_pid" 2>/dev/null || true
    wait "$bench_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "building"
build=(dotnet build ClusterBench.csproj -c Release -nologo)
if [[ -n ${BENCH_LOCK:-} ]]; then build=(flock -s "$BENCH_LOCK" "${build[@]}"); fi
"${build[@]}" >"$tmp/build.log" 2>&1 || { cat "$tmp/build.log" >&2; log "build failed"; exit 2; }
dotnet bin/Release/net10.0/ClusterBench.dll &
bench_pid=$!
status=0
wait "$bench_pid" || status=$?
bench_pid=
exit "$status"
