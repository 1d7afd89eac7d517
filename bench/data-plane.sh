#!/usr/bin/env bash
# Benchmarks the data plane on loopback, in one run, against an isolated daemon:
#   1. daemon SIGKILL + restart, BENCH_CYCLES times, under keep-alive load with SSE streams open;
#   2. `orch router restart` (a router hand-over), BENCH_CYCLES times, under the same load;
#   3. recovery: BENCH_RECOVERY_DEPLOYMENTS active deployments of 3 processes, SIGKILL the daemon, time from
#      its next start to every app recovered in `orch status --json`;
#   4. the router's and the daemon's RSS: idle, under load, with BENCH_RSS_STREAMS open SSE streams, and idle
#      with every app of part 3.
# Markdown tables go to stdout, progress to stderr. See bench/README.md.
#
# Not `set -e`: a part that fails is reported as n/a in the table and the others still run; the exit code is 1.
set -uo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
lib=$repo/bench/lib

cycles=${BENCH_CYCLES:-10}
clients=${BENCH_CLIENTS:-16}
streams=${BENCH_STREAMS:-4}
stream_events=${BENCH_STREAM_EVENTS:-100}
rss_streams=${BENCH_RSS_STREAMS:-500}
deployments=${BENCH_RECOVERY_DEPLOYMENTS:-100}
parallel=${BENCH_DEPLOY_PARALLEL:-4}
orch=${BENCH_ORCH:-./orch}
daemon_timeout=${BENCH_DAEMON_TIMEOUT:-180}
deploy_timeout=${BENCH_DEPLOY_TIMEOUT:-120}
recovery_timeout=${BENCH_RECOVERY_TIMEOUT:-300}
router_timeout=${BENCH_ROUTER_TIMEOUT:-30}
away=1        # seconds the daemon stays dead before it is started again
pause=2       # seconds of load between two cycles, once the previous one recovered
settle=5      # seconds before an RSS sample
event_ms=100  # SSE interval of the load's streams

log() { printf '[data-plane] %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

whole_number() { [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die "$1 must be a whole number from $3 to $4, not '$2'"; }
whole_number BENCH_CYCLES "$cycles" 1 100
whole_number BENCH_CLIENTS "$clients" 1 1000
whole_number BENCH_STREAMS "$streams" 1 1000
whole_number BENCH_STREAM_EVENTS "$stream_events" 1 100000
whole_number BENCH_RSS_STREAMS "$rss_streams" 1 5000
whole_number BENCH_RECOVERY_DEPLOYMENTS "$deployments" 1 1000
whole_number BENCH_DEPLOY_PARALLEL "$parallel" 1 32
whole_number BENCH_DAEMON_TIMEOUT "$daemon_timeout" 1 3600
whole_number BENCH_DEPLOY_TIMEOUT "$deploy_timeout" 1 3600
whole_number BENCH_RECOVERY_TIMEOUT "$recovery_timeout" 1 3600
whole_number BENCH_ROUTER_TIMEOUT "$router_timeout" 1 3600

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-data-plane.XXXXXX")
results=$tmp/results
mkdir -p "$results" "$tmp/state" "$tmp/configs" "$tmp/status" "$tmp/load"
orch_env=(env ORCH_STATE_DIR="$tmp/state" ORCH_CONTROL="$tmp/orch.sock")
daemon_pid=
load_pid=
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- processes --------------------------------------------------------------------------------------------------

# shellcheck source=bench/lib/process-helpers.sh
. "$lib/process-helpers.sh"

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_load
  shutdown_daemon
  kill_leftovers "$tmp/state"
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    log "kept $tmp (logs, configs, status snapshots, load summaries)"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


# A process's identity: its pid and its start time (field 22 of /proc/PID/stat), so a reused pid is told apart.
identity() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || { echo "$1:gone"; return; }
  stat=${stat##*) }
  echo "$1:$(cut -d ' ' -f 20 <<<"$stat")"
}

# --- the daemon ---------------------------------------------------------------------------------------------------

# Starts the daemon in a session of its own (so, if `orch shutdown` fails, its process group can be stopped) and
# waits for its control API. On failure, says why in $problem (not on stdout: a command substitution would lose
# $daemon_pid).
start_daemon() {
  problem=
  setsid "${orch_env[@]}" "$orch" daemon >>"$tmp/daemon.log" 2>&1 &
  daemon_pid=$!
  local deadline=$((SECONDS + daemon_timeout))
  until curl -fsS --max-time 2 --unix-socket "$tmp/orch.sock" -o /dev/null http://localhost/v1/health 2>/dev/null; do
    if ! kill -0 "$daemon_pid" 2>/dev/null; then
      problem="the daemon exited: $(tail -n 3 "$tmp/daemon.log" | tr '\n' ' ')"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      problem="the daemon did not answer /v1/health within ${daemon_timeout}s"
      return 1
    fi
    sleep 0.1
  done
}

kill_daemon() {
  kill -KILL "$daemon_pid" 2>/dev/null
  wait "$daemon_pid" 2>/dev/null
  daemon_pid=
}

# `orch status --json` into FILE; false when it does not answer within 20 s.
status_json() {
  timeout 20 "${orch_env[@]}" "$orch" status --json >"$1" 2>"$1.err"
}

# Polls `orch status --json` until every app of SNAPSHOT is recovered, for at most SECONDS; the last counts go to
# $recovery (apps=… adopted=…).
wait_recovered() {
  local snapshot=$1 deadline=$((SECONDS + $2)) file=$tmp/status/poll.json
  recovery=
  while ((SECONDS < deadline)); do
    if status_json "$file"; then
      recovery=$(python3 "$lib/orch_status.py" recovered "$snapshot" "$file") && return 0
    elif ! kill -0 "$daemon_pid" 2>/dev/null; then
      recovery="the daemon exited: $(tail -n 1 "$tmp/daemon.log" | cut -c 1-300)"
      return 1
    fi
    sleep 0.25
  done
  return 1
}

# The router the daemon adopts: the pid in <state dir>/router.json.
router_json_pid() {
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["pid"])' "$tmp/state/router.json" 2>/dev/null
}

# The router `orch status --json` lists as serving (not draining); false when it lists none, or several.
router_pid() {
  status_json "$tmp/status/router.json" && python3 "$lib/orch_status.py" router "$tmp/status/router.json"
}

# Polls until `orch status` lists router PID as serving, for at most SECONDS.
wait_router_listed() {
  local pid=$1 deadline=$((SECONDS + $2))
  while ((SECONDS < deadline)); do
    [ "$(router_pid)" = "$pid" ] && return 0
    sleep 0.25
  done
  return 1
}

# Answers of GET /ping through the router on every app's listener, one try each: prints how many answered 2xx.
probe_apps() {
  local answered=0 i
  for ((i = 0; i < deployments; i++)); do
    curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$((port_base + i))/ping" 2>/dev/null && answered=$((answered + 1))
  done
  echo "$answered"
}

# --- apps ---------------------------------------------------------------------------------------------------------

# App 0 streams (the test app: / and /sse); apps 1… are small static web servers. Each has one proxied web process
# and two companions, so one active deployment is 3 processes.
write_config() {
  local i=$1 name=$2 command=$3
  cat >"$tmp/configs/$name.toml" <<EOF
app = "$name"

[proxy]
listen = "127.0.0.1:$((port_base + i))"
health_path = "/ping"
health_timeout = "60s"
drain_timeout = "30s"
stop_timeout = "5s"

[[process]]
id = "web"
policy = "proxied"
command = "$command"
port = "$((port_base + deployments + 4 * i))-$((port_base + deployments + 4 * i + 3))"
health = { path = "/ping", interval = "100ms", timeout = "60s" }

[[process]]
id = "queue"
policy = "companion"
command = "sleep infinity"

[[process]]
id = "mailer"
policy = "companion"
command = "sleep infinity"
EOF
}

# One `orch deploy`; true on success, else the reason goes to deploy-NAME.log.
deploy() {
  local name=$1 release=$2
  timeout "$deploy_timeout" "${orch_env[@]}" "$orch" deploy --config "$tmp/configs/$name.toml" \
    --release-path "$release" --revision r1 >"$tmp/deploy-$name.log" 2>&1
}

# --- load ---------------------------------------------------------------------------------------------------------

# Starts the load client in the background; true once every client and stream got its first answer (30 s).
start_load() {
  local name=$1 i
  shift
  rm -f "$tmp/load/$name.ready"
  python3 "$lib/load.py" "$stream_url/" --out "$tmp/load/$name.json" --ready "$tmp/load/$name.ready" \
    --max-seconds 1800 "$@" 2>"$tmp/load/$name.log" &
  load_pid=$!
  for ((i = 0; i < 600; i++)); do
    [ -e "$tmp/load/$name.ready" ] && return 0
    kill -0 "$load_pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

stop_load() {
  [ -n "$load_pid" ] || return 0
  kill -TERM "$load_pid" 2>/dev/null
  wait_gone "$load_pid" 30 || kill -KILL "$load_pid" 2>/dev/null
  wait "$load_pid" 2>/dev/null
  load_pid=
}

streaming_load() {
  start_load "$1" --clients "$clients" --sse "$streams" \
    --sse-path "/sse?count=$stream_events&interval=$event_ms" --sse-count "$stream_events"
}

rss_sample() {
  local label=$1 router=$2 note=$3
  printf '%s|%s|%s|%s|%s|%s\n' "$label" "$router" "$(rss_kb "$router")" "$daemon_pid" "$(rss_kb "$daemon_pid")" "$note" \
    >>"$results/rss.txt"
  log "RSS $label: router $(rss_kb "$router") kB, daemon $(rss_kb "$daemon_pid") kB"
}

# Before a part that needs the router in the daemon's cluster: when `orch status` does not list it (a restarted
# daemon formed a cluster of its own without it, as part 1 can show), SIGKILL and start the daemon once more, which
# has let the router in so far; the table notes it.
ensure_router_listed() {
  local part=$1 router
  router=$(router_json_pid) || router=none
  wait_router_listed "$router" "$router_timeout" && return 0
  log "$part: orch status does not list the router pid $router; restarting the daemon once so it can join"
  kill_daemon
  start_daemon || return 1
  wait_recovered "$tmp/status/stream-snapshot.json" "$daemon_timeout"
  if wait_router_listed "$router" "$router_timeout"; then
    echo "before $part, \`orch status\` did not list the router (pid $router); one more daemon SIGKILL + restart let it in" \
      >>"$results/notes.txt"
    return 0
  fi
  echo "before $part, \`orch status\` did not list the router (pid $router), not even after one more daemon restart" >>"$results/notes.txt"
  return 1
}

# --- parts --------------------------------------------------------------------------------------------------------

measure_rss() {
  local router
  wait_router_listed "$(router_json_pid)" 60
  router=$(router_pid) || { fail_part rss "no router in orch status"; return 1; }
  sleep "$settle"
  rss_sample "idle, 1 app" "$router" ""
  if streaming_load rss-load; then
    sleep "$settle"
    local router_kb daemon_kb
    router_kb=$(rss_kb "$router")
    daemon_kb=$(rss_kb "$daemon_pid")
    stop_load
    printf '%s|%s|%s|%s|%s|%s\n' "under load" "$router" "$router_kb" "$daemon_pid" "$daemon_kb" "load:rss-load" >>"$results/rss.txt"
    cp "$tmp/load/rss-load.json" "$results/rss-load.json"
  else
    stop_load
    fail_part rss-load "the load did not flow within 60s: $(tail -n 2 "$tmp/load/rss-load.log" | tr '\n' ' ')"
  fi
  log "opening $rss_streams SSE streams"
  if start_load rss-streams --clients 0 --sse "$rss_streams" --sse-path "/sse?interval=1000" --sse-count 0; then
    sleep "$settle"
    rss_sample "$rss_streams open SSE streams" "$router" "load:rss-streams"
    stop_load
    cp "$tmp/load/rss-streams.json" "$results/rss-streams.json"
  else
    stop_load
    fail_part rss-streams "not every one of $rss_streams streams got an event within 60s: $(tail -n 2 "$tmp/load/rss-streams.log" | tr '\n' ' ')"
  fi
}

measure_daemon_kills() {
  local before router ms listed started i
  before=$(router_pid) || { fail_part kills "no router in orch status"; return 1; }
  identity "$before" >"$results/kills-router-before.txt"
  streaming_load kills || { stop_load; fail_part kills "the load did not flow within 60s"; return 1; }
  for ((i = 1; i <= cycles; i++)); do
    kill_daemon
    sleep "$away"
    started=$(now_ms)
    if ! start_daemon; then
      stop_load
      fail_part kills "cycle $i: $problem"
      return 1
    fi
    if ! wait_recovered "$tmp/status/stream-snapshot.json" "$daemon_timeout"; then
      stop_load
      fail_part kills "cycle $i: the app was not recovered within ${daemon_timeout}s of the daemon's start (${recovery:-no status})"
      return 1
    fi
    ms=$(($(now_ms) - started))
    # The router outlives the daemon; the restarted daemon adopts it by router.json and it rejoins the cluster.
    router=$(router_json_pid) || router=none
    if wait_router_listed "$router" "$router_timeout"; then
      listed=$(($(now_ms) - started))
    else
      listed=never
    fi
    echo "$ms $listed $(identity "$router")" >>"$results/kills-cycles.txt"
    log "daemon SIGKILL $i/$cycles: app recovered in ${ms} ms, router pid $router listed in orch status after ${listed} ms"
    sleep "$pause"
  done
  stop_load
  cp "$tmp/load/kills.json" "$results/kills-load.json"
}

measure_handovers() {
  local started ms i out old new failed=0
  ensure_router_listed "the hand-overs"
  streaming_load handovers || { stop_load; fail_part handovers "the load did not flow within 60s"; return 1; }
  for ((i = 1; i <= cycles; i++)); do
    started=$(now_ms)
    if ! out=$(timeout "$deploy_timeout" "${orch_env[@]}" "$orch" router restart --json 2>"$tmp/handover-$i.err"); then
      failed=$((failed + 1))
      log "hand-over $i: orch router restart failed: $out $(tail -n 2 "$tmp/handover-$i.err" | tr '\n' ' ')"
      printf 'hand-over %s: %s\n' "$i" "$out" >>"$results/handovers-failures.txt"
      sleep "$pause"
      continue
    fi
    ms=$(($(now_ms) - started))
    old=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["oldPid"])' <<<"$out")
    new=$(python3 -c 'import json,sys; print(json.load(sys.stdin)["newPid"])' <<<"$out")
    echo "$ms $old $new" >>"$results/handovers-cycles.txt"
    log "router hand-over $i/$cycles: ${ms} ms, pid $old -> $new"
    sleep "$pause"
  done
  stop_load
  cp "$tmp/load/handovers.json" "$results/handovers-load.json"
  if ((failed == cycles)); then
    fail_part handovers "every orch router restart failed, e.g. $(head -n 1 "$results/handovers-failures.txt")"
    return 1
  fi
  # With the load's streams closed, every old router has nothing left to drain and exits.
  local lingering=()
  for old in $(cut -d ' ' -f 2 "$results/handovers-cycles.txt" 2>/dev/null); do
    wait_gone "$old" 30 || lingering+=("$old")
  done
  echo "${lingering[*]:-none}" >"$results/handovers-lingering.txt"
}

measure_recovery() {
  local i name pids=() failed=0 started setup_ms health_ms ms answered before
  ensure_router_listed "the recovery"
  log "deploying $((deployments - 1)) more apps of 3 processes, $parallel at a time"
  started=$(now_ms)
  for ((i = 1; i < deployments; i++)); do
    name=$(printf 'static%03d' "$i")
    write_config "$i" "$name" "python3 -m http.server {{port}} --bind 127.0.0.1"
    deploy "$name" "$tmp/releases/static" &
    pids+=($!)
    if ((${#pids[@]} >= parallel)) || ((i == deployments - 1)); then
      for pid in "${pids[@]}"; do
        wait "$pid" || failed=$((failed + 1))
      done
      pids=()
    fi
  done
  setup_ms=$(($(now_ms) - started))
  if ((failed > 0)); then
    fail_part recovery "$failed of $((deployments - 1)) deploys failed, e.g. $(grep -L 'is active' "$tmp"/deploy-static*.log | head -n 1 | xargs tail -n 2 | tr '\n' ' ')"
    return 1
  fi
  status_json "$tmp/status/all-before.json" || { fail_part recovery "orch status did not answer"; return 1; }
  python3 "$lib/orch_status.py" snapshot "$tmp/status/all-before.json" >"$tmp/status/all-snapshot.json"
  local active
  active=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$tmp/status/all-snapshot.json")
  if ((active != deployments)); then
    fail_part recovery "$active active deployments after the deploys, expected $deployments"
    return 1
  fi
  before=$(probe_apps)
  log "$deployments active deployments in ${setup_ms} ms, $before answer through the router; SIGKILL the daemon"
  kill_daemon
  answered=$(probe_apps)
  log "$answered of $deployments apps answered through the router while no daemon ran"
  started=$(now_ms)
  if ! start_daemon; then
    fail_part recovery "$problem"
    return 1
  fi
  health_ms=$(($(now_ms) - started))
  if ! wait_recovered "$tmp/status/all-snapshot.json" "$recovery_timeout"; then
    fail_part recovery "not every app was recovered within ${recovery_timeout}s (${recovery:-no status})"
    return 1
  fi
  ms=$(($(now_ms) - started))
  log "every app recovered ${ms} ms after the daemon's start: $recovery"
  cat >"$results/recovery.txt" <<EOF
deployments=$deployments
setup_ms=$setup_ms
parallel=$parallel
health_ms=$health_ms
recovered_ms=$ms
answered=$answered
answered_before=$before
$(tr ' ' '\n' <<<"$recovery")
EOF
  local router
  router=$(router_pid) && sleep "$settle" && rss_sample "idle, $deployments apps" "$router" ""
}

# --- the run ------------------------------------------------------------------------------------------------------

for tool in node python3 curl timeout setsid; do
  command -v "$tool" >/dev/null || die "$tool is required"
done
command -v "$orch" >/dev/null || die "$orch not found (set BENCH_ORCH to a CLI)"
log "temp directory $tmp"
log "preparing $orch (builds the CLI on first use)"
timeout 900 "${orch_env[@]}" "$orch" --help >"$tmp/orch-help.log" 2>&1 || die "$orch --help failed: $(tail -n 3 "$tmp/orch-help.log")"
run_started=$(now_ms)

port_range=$(python3 "$lib/ports.py" range $((5 * deployments))) || die "no free ports"
port_base=${port_range%-*}
mkdir -p "$tmp/releases/stream" "$tmp/releases/static"
cp tests/TestApps/testapp.js "$tmp/releases/stream/"
echo ok >"$tmp/releases/static/ping"
write_config 0 stream "node testapp.js"
stream_url=http://127.0.0.1:$port_base

all_parts=(rss kills handovers recovery)
if ! start_daemon; then
  for part in "${all_parts[@]}"; do fail_part "$part" "$problem"; done
elif ! deploy stream "$tmp/releases/stream"; then
  for part in "${all_parts[@]}"; do fail_part "$part" "the deploy of the streaming app failed: $(tail -n 2 "$tmp/deploy-stream.log" | tr '\n' ' ')"; done
elif ! status_json "$tmp/status/stream-before.json"; then
  for part in "${all_parts[@]}"; do fail_part "$part" "orch status did not answer after the first deploy"; done
else
  python3 "$lib/orch_status.py" snapshot "$tmp/status/stream-before.json" >"$tmp/status/stream-snapshot.json"
  log "streaming app deployed on $stream_url"
  log "part 4 (first half): RSS idle, under load, with $rss_streams SSE streams"
  measure_rss
  log "part 1: $cycles daemon SIGKILLs + restarts under load"
  measure_daemon_kills
  log "part 2: $cycles router hand-overs under load"
  measure_handovers
  log "part 3: recovery of $deployments deployments"
  measure_recovery
fi

python3 "$lib/data_plane_report.py" "$results" --started "$started_at" --clients "$clients" --streams "$streams" \
  --stream-events "$stream_events" --event-ms "$event_ms" --cycles "$cycles"
log "done in $((($(now_ms) - run_started) / 1000))s"
# A part that could not be measured, or a hand-over that failed (that cycle has no numbers), fails the run.
! compgen -G "$results/*.error" >/dev/null && [ ! -s "$results/handovers-failures.txt" ]
