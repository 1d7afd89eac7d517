#!/usr/bin/env bash
# Journal benchmark: a throwaway redis-server (no persistence to disk) on a free loopback port and a temp SQLite file,
# then PersistenceBench against both. Markdown tables go to stdout, progress to stderr. BENCH_KEEP=1 keeps the temp dir.
set -euo pipefail

cd "$(dirname "$0")"
repo=$(cd ../.. && pwd)
log() { printf '[pbench] %s\n' "$*" >&2; }

tmp=$(mktemp -d /tmp/pbench-XXXXXX)
redis_pid=
cleanup() {
    if [[ -n $redis_pid ]]; then
        kill "$redis_pid" 2>/dev/null || true
        wait "$redis_pid" 2>/dev/null || true
    fi
    [[ ${BENCH_KEEP:-0} == 1 ]] && log "kept $tmp" || rm -rf "$tmp"
}
trap cleanup EXIT

port=$(python3 "$repo/bench/lib/ports.py" any)
redis-server --port "$port" --bind 127.0.0.1 --dir "$tmp" --save "" --appendonly no >"$tmp/redis.log" 2>&1 &
redis_pid=$!
for _ in $(seq 100); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
done
redis-cli -p "$port" ping >/dev/null || { log "redis-server did not answer on $port; see $tmp/redis.log"; exit 2; }
log "redis-server pid $redis_pid on 127.0.0.1:$port"

log "building"
dotnet build PersistenceBench.csproj -c Release -o "$tmp/bin" -nologo >"$tmp/build.log" 2>&1 \
    || { cat "$tmp/build.log" >&2; log "build failed"; exit 2; }
dotnet "$tmp/bin/PersistenceBench.dll" --redis "127.0.0.1:$port" --sqlite "$tmp/journal.db"
