#!/usr/bin/env bash
# What the runtime allows a router on this machine: YARP's IHttpForwarder alone (bench/yarp-baseline forwarder),
# once JIT-compiled as orch-router runs today and once compiled ahead of time with NativeAOT, against nginx and the
# example app directly, in interleaved rounds of wrk -t2 -c50 keep-alive GET /. Prints req/s, p50, p99 and the RSS
# each proxy reached under load, with ratios to nginx. Both .NET processes get the router's 4 MiB gen0 budget.
#
# Knobs: BENCH_ROUNDS (3), BENCH_SECONDS (8), BENCH_LOCK (a file to flock while measuring).
# Needs wrk, nginx, node, and clang + zlib1g-dev for the NativeAOT build.
set -uo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
lib=$repo/bench/lib
rounds=${BENCH_ROUNDS:-3}
seconds=${BENCH_SECONDS:-8}
lock=${BENCH_LOCK:-}
gen0=400000 # hex, as every DOTNET_ number is; NativeAOT does not take a 0x prefix

log() { printf '[router-floor] %s\n' "$*" >&2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-floor.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

for tool in wrk node clang; do
  command -v "$tool" >/dev/null || { log "missing $tool (apt-get install -y wrk nodejs clang zlib1g-dev)"; exit 2; }
done
# shellcheck source=bench/lib/process-helpers.sh
. "$lib/process-helpers.sh"
nginx=$(nginx_bin)
[ -x "$nginx" ] || { log "missing nginx (apt-get install -y nginx-light)"; exit 2; }

log "building bench/yarp-baseline: JIT, and NativeAOT"
dotnet build bench/yarp-baseline -c Release -o "$tmp/jit" --nologo -v quiet >"$tmp/build-jit.log" 2>&1 ||
  { tail -n 5 "$tmp/build-jit.log" >&2; exit 1; }
dotnet publish bench/yarp-baseline -c Release -r linux-x64 -p:PublishAot=true -o "$tmp/aot" --nologo -v quiet \
  >"$tmp/build-aot.log" 2>&1 || { tail -n 5 "$tmp/build-aot.log" >&2; exit 1; }

port() { python3 "$lib/ports.py" any; }
started_port() {
  wait_port "$1" 10 || { log "nothing listened on $1"; exit 1; }
}

declare -A url pid
app=$(port)
node examples/hello/app.js "$app" >"$tmp/app.log" 2>&1 &
pid[direct]=$!
pids+=($!)
url[direct]=http://127.0.0.1:$app/
started_port "$app"

nginx_port=$(port)
nginx_conf "$tmp/nginx" "$app" "$nginx_port"
"$nginx" -e "$tmp/nginx/error.log" -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx/" &
pid[nginx]=$!
pids+=($!)
url[nginx]=http://127.0.0.1:$nginx_port/
started_port "$nginx_port"

jit_port=$(port)
DOTNET_GCgen0size=$gen0 dotnet "$tmp/jit/YarpBaseline.dll" "$jit_port" "$app" forwarder >"$tmp/jit.log" 2>&1 &
pid[jit]=$!
pids+=($!)
url[jit]=http://127.0.0.1:$jit_port/
aot_port=$(port)
DOTNET_GCgen0size=$gen0 "$tmp/aot/YarpBaseline" "$aot_port" "$app" forwarder >"$tmp/aot.log" 2>&1 &
pid[aot]=$!
pids+=($!)
url[aot]=http://127.0.0.1:$aot_port/
started_port "$jit_port"
started_port "$aot_port"

if [ -n "$lock" ]; then
  exec 9>"$lock"
  log "waiting for $lock"
  flock 9
fi

targets=(direct nginx jit aot)
for name in "${targets[@]}"; do
  wrk -t2 -c50 -d2s "${url[$name]}" >/dev/null 2>&1 # warm-up, not counted
done
for ((round = 1; round <= rounds; round++)); do
  for name in "${targets[@]}"; do
    wrk -t2 -c50 -d"${seconds}s" --latency "${url[$name]}" >"$tmp/wrk-$name-$round.txt" 2>&1 &
    load=$!
    peak=0
    while kill -0 "$load" 2>/dev/null; do
      kb=$(awk '/^VmRSS:/ { print $2 }' "/proc/${pid[$name]}/status" 2>/dev/null || echo 0)
      ((kb > peak)) && peak=$kb
      sleep 0.5
    done
    echo "$peak" >"$tmp/rss-$name-$round.txt"
    log "round $round $name: $(grep -m 1 'Requests/sec' "$tmp/wrk-$name-$round.txt")"
  done
done

python3 - "$tmp" "$rounds" <<'PY'
import statistics, sys
sys.path.insert(0, "bench/lib")
from wrk_output import parse

tmp, rounds = sys.argv[1], int(sys.argv[2])
labels = {"direct": "direct (node app)", "nginx": "nginx proxy_pass, 1 worker",
          "jit": "YARP IHttpForwarder alone, JIT (as orch-router runs)", "aot": "YARP IHttpForwarder alone, NativeAOT"}
rows = {}
for name in labels:
    runs = [parse(open(f"{tmp}/wrk-{name}-{r}.txt").read()) for r in range(1, rounds + 1)]
    rss = [int(open(f"{tmp}/rss-{name}-{r}.txt").read()) for r in range(1, rounds + 1)]
    rows[name] = (statistics.median(r.requests_per_second for r in runs), statistics.median(r.p50_ms for r in runs),
                  statistics.median(r.p99_ms for r in runs), max(rss) / 1024)
base_rps, base_p99 = rows["nginx"][0], rows["nginx"][2]
print(f"| Target | Req/s | p50 | p99 | Req/s vs nginx | p99 vs nginx | RSS under load |")
print("|---|---:|---:|---:|---:|---:|---:|")
for name, label in labels.items():
    rps, p50, p99, rss = rows[name]
    rss_text = "-" if name == "direct" else f"{rss:.0f} MB"
    print(f"| {label} | {rps:,.0f} | {p50:.2f} ms | {p99:.2f} ms | {rps / base_rps:.2f}x | {p99 / base_p99:.2f}x | {rss_text} |")
PY
