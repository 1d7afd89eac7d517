#!/usr/bin/env bash
# Benchmarks issue 12's release features on loopback, in one run, against an isolated daemon, each beside a baseline
# measured in the same run:
#   1. a diamond stack of 4 apps (a; b and c depend on a; d on b and c) with `orch deploy --stack`, against the same
#      4 apps deployed one by one with `orch deploy`, interleaved, BENCH_STACK_ROUNDS rounds, for each start-up time
#      of BENCH_STACK_LISTEN_MS; and whether b and c deployed at the same time;
#   2. `orch deploy` of an app with `[hooks] pre_switch` and `post_switch` = "exec:true" against the same app without
#      hooks, interleaved, BENCH_HOOK_ROUNDS deploys each;
#   3. `orch deploy --canary BENCH_CANARY_PERCENT%` under load from BENCH_CANARY_CLIENTS distinct clients, each with
#      its own cookie jar: the share of answers from the canary, the clients that saw both releases, and the p99
#      through the router during the canary against the p99 before its deploy; BENCH_CANARY_ROUNDS rounds, each
#      ending with `orch rollback`.
# Markdown tables go to stdout, progress to stderr. See bench/README.md.
#
# Not `set -e`: a part that fails is reported as n/a in the table and the others still run; the exit code is 1.
set -uo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
lib=$repo/bench/lib

stack_rounds=${BENCH_STACK_ROUNDS:-5}
read -r -a stack_listen_ms <<<"${BENCH_STACK_LISTEN_MS:-0 500}"
hook_rounds=${BENCH_HOOK_ROUNDS:-10}
canary_rounds=${BENCH_CANARY_ROUNDS:-3}
canary_seconds=${BENCH_CANARY_SECONDS:-10}
canary_clients=${BENCH_CANARY_CLIENTS:-400}
canary_connections=${BENCH_CANARY_CONNECTIONS:-32}
canary_percent=${BENCH_CANARY_PERCENT:-20}
orch=${BENCH_ORCH:-./orch}
lock=${BENCH_LOCK:-}
daemon_timeout=${BENCH_DAEMON_TIMEOUT:-180}
deploy_timeout=${BENCH_DEPLOY_TIMEOUT:-120}
warmup_seconds=2  # unmeasured load before the first canary round: the active release's first requests are cold

log() { printf '[releases] %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

whole_number() { [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die "$1 must be a whole number from $3 to $4, not '$2'"; }
whole_number BENCH_STACK_ROUNDS "$stack_rounds" 1 100
((${#stack_listen_ms[@]} >= 1 && ${#stack_listen_ms[@]} <= 4)) || die "BENCH_STACK_LISTEN_MS must list 1 to 4 start-up times in ms"
for listen_ms in "${stack_listen_ms[@]}"; do whole_number BENCH_STACK_LISTEN_MS "$listen_ms" 0 60000; done
whole_number BENCH_HOOK_ROUNDS "$hook_rounds" 1 1000
whole_number BENCH_CANARY_ROUNDS "$canary_rounds" 1 100
whole_number BENCH_CANARY_SECONDS "$canary_seconds" 1 600
whole_number BENCH_CANARY_CLIENTS "$canary_clients" 1 100000
whole_number BENCH_CANARY_CONNECTIONS "$canary_connections" 1 1000
whole_number BENCH_CANARY_PERCENT "$canary_percent" 1 99
whole_number BENCH_DAEMON_TIMEOUT "$daemon_timeout" 1 3600
whole_number BENCH_DEPLOY_TIMEOUT "$deploy_timeout" 1 3600

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-releases.XXXXXX")
results=$tmp/results
mkdir -p "$results" "$tmp/state" "$tmp/logs"
orch_env=(env ORCH_STATE_DIR="$tmp/state" ORCH_CONTROL="$tmp/orch.sock")
daemon_pid=
load_pid=
started_at=$(date -u '+%Y-%m-%d %H:%M UTC')

# --- processes --------------------------------------------------------------------------------------------------

# shellcheck source=bench/lib/process-helpers.sh
. "$lib/process-helpers.sh"

stop_load() {
  [ -n "$load_pid" ] || return 0
  kill -TERM "$load_pid" 2>/dev/null
  wait_gone "$load_pid" 10 || kill -KILL "$load_pid" 2>/dev/null
  wait "$load_pid" 2>/dev/null
  load_pid=
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_load
  shutdown_daemon
  kill_leftovers "$tmp/state"
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    log "kept $tmp (daemon log, configs, every deploy's output, the load summaries)"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts the daemon in a session of its own (so, if `orch shutdown` fails, its process group can be stopped) and
# waits for its control API. On failure, says why in $problem.
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

# timed NAME ARGS...: runs `orch ARGS...` (stdout in logs/NAME.log, stderr in logs/NAME.err) and prints its wall time in ms, or `fail` (the
# reason, with the end of its output, goes to logs/NAME.failure and to stderr).
timed() {
  local name=$1 started finished status
  shift
  started=$(date +%s%N)
  timeout "$deploy_timeout" "${orch_env[@]}" "$orch" "$@" >"$tmp/logs/$name.log" 2>"$tmp/logs/$name.err"
  status=$?
  finished=$(date +%s%N)
  if ((status == 0)); then
    echo $(((finished - started) / 1000000))
    return
  fi
  local reason="orch $1 ($name) exited $status: $(tail -q -n 3 "$tmp/logs/$name.log" "$tmp/logs/$name.err" | tr '\n' ' ' | cut -c 1-300)"
  ((status == 124)) && reason="orch $1 ($name) gave no result within ${deploy_timeout}s"
  echo "$reason" >"$tmp/logs/$name.failure"
  log "$reason"
  echo fail
}

# --- apps ---------------------------------------------------------------------------------------------------------

next_port=
# An app config of the test app on the next free listener and 4 process ports: write_app FILE NAME LISTEN_MS [HOOKS].
write_app() {
  local file=$1 name=$2 listen_ms=$3 hooks=${4:-}
  local listen=$next_port first=$((next_port + 1))
  next_port=$((next_port + 5))
  mkdir -p "$(dirname "$file")"
  cp tests/TestApps/testapp.js "$(dirname "$file")/"
  cat >"$file" <<EOF
app = "$name"

[proxy]
listen = "127.0.0.1:$listen"
health_path = "/ping"
health_timeout = "30s"
drain_timeout = "5s"
stop_timeout = "5s"

[[process]]
id = "web"
policy = "proxied"
command = "node testapp.js"
port = "$first-$((first + 3))"
env = { LISTEN_DELAY_MS = "$listen_ms" }
health = { path = "/ping", interval = "250ms", timeout = "30s" }
EOF
  if [ -n "$hooks" ]; then
    printf '\n[hooks]\npre_switch = "exec:true"\npost_switch = "exec:true"\n' >>"$file"
  fi
  echo "$listen"
}

# The diamond of one start-up time: DIR/orch.stack.toml and DIR/{a,b,c,d}/ (config and testapp.js), apps lMS-a….
write_stack() {
  local dir=$1 listen_ms=$2 app
  for app in a b c d; do
    write_app "$dir/$app/orch.toml" "l$listen_ms-$app" "$listen_ms" >/dev/null
  done
  cat >"$dir/orch.stack.toml" <<EOF
stack = "diamond-$listen_ms"

[[app]]
config = "a/orch.toml"

[[app]]
config = "b/orch.toml"
depends_on = ["l$listen_ms-a"]

[[app]]
config = "c/orch.toml"
depends_on = ["l$listen_ms-a"]

[[app]]
config = "d/orch.toml"
depends_on = ["l$listen_ms-b", "l$listen_ms-c"]
EOF
}

# --- parts --------------------------------------------------------------------------------------------------------

# Each stack deploy starts in a second of its own (an unmeasured wait, < 1 s), as in the runs the README reports: a
# stack once failed a step whose id a plain deploy of the same second had taken (found by this benchmark,
# 2026-12-04; the step now takes the next free id), and the rounds stay comparable with those runs.
next_second() {
  python3 -c 'import time; time.sleep(1.01 - time.time() % 1)'
}

stack_deploy() {
  local dir=$1 name=$2
  next_second
  timed "$name" deploy --stack "$dir/orch.stack.toml" --release-path "$dir" --revision "$name" --json
}

# The four apps one by one, in the stack's order; prints the sum of their ms, or `fail`.
plain_deploys() {
  local dir=$1 name=$2 app ms total=0
  for app in a b c d; do
    ms=$(timed "$name-$app" deploy --config "$dir/$app/orch.toml" --release-path "$dir/$app" --revision "$name")
    [ "$ms" = fail ] && { echo fail; return; }
    total=$((total + ms))
  done
  echo "$total"
}

measure_stack() {
  local listen_ms=$1 dir=$tmp/stack-$1 round ms
  for ((round = 1; round <= stack_rounds; round++)); do
    # Which goes first alternates, so that neither always follows the other's drains.
    local order=(stack plain)
    ((round % 2 == 0)) && order=(plain stack)
    for what in "${order[@]}"; do
      if [ "$what" = stack ]; then
        ms=$(stack_deploy "$dir" "s$listen_ms-$round")
        echo "$ms" >>"$results/stack-$listen_ms-wall.txt"
        [ "$ms" != fail ] && cp "$tmp/logs/s$listen_ms-$round.log" "$results/stack-$listen_ms-$round.json"
      else
        ms=$(plain_deploys "$dir" "p$listen_ms-$round")
        echo "$ms" >>"$results/plain-$listen_ms-wall.txt"
      fi
      log "stack, apps listening after $listen_ms ms, round $round/$stack_rounds: $what $ms ms"
    done
  done
}

measure_hooks() {
  local round ms
  for ((round = 1; round <= hook_rounds; round++)); do
    local order=(with without)
    ((round % 2 == 0)) && order=(without with)
    for what in "${order[@]}"; do
      ms=$(timed "hooks-$what-$round" deploy --config "$tmp/hooks-$what/orch.toml" --release-path "$tmp/hooks-$what" \
        --revision "r$round")
      echo "$ms" >>"$results/hooks-$what.txt"
      [ "$ms" != fail ] && cp "$tmp/logs/hooks-$what-$round.log" "$results/hooks-$what-$round.progress"
      log "hooks, round $round/$hook_rounds: $what hooks $ms ms"
    done
  done
}

# canary_load NAME SECONDS: the load client on the canary app's listener, in the foreground.
canary_load() {
  python3 "$lib/canary_load.py" "http://127.0.0.1:$canary_listen/" --clients "$canary_clients" \
    --connections "$canary_connections" --seconds "$2" --out "$tmp/logs/$1.json" 2>"$tmp/logs/$1.err" &
  load_pid=$!
  wait "$load_pid"
  local status=$?
  load_pid=
  return "$status"
}

measure_canary() {
  local round ms dir=$tmp/canary
  log "canary: ${warmup_seconds}s of unmeasured load first"
  canary_load canary-warmup "$warmup_seconds" || { fail_part canary "the load client failed: $(tail -n 2 "$tmp/logs/canary-warmup.err")"; return 1; }
  for ((round = 1; round <= canary_rounds; round++)); do
    canary_load "canary-$round-before" "$canary_seconds" ||
      { fail_part canary "round $round: the load client failed: $(tail -n 2 "$tmp/logs/canary-$round-before.err")"; return 1; }
    ms=$(timed "canary-deploy-$round" deploy --config "$dir/orch.toml" --release-path "$dir" --revision "canary-$round" \
      --canary "$canary_percent%")
    [ "$ms" = fail ] && { fail_part canary "round $round: $(cat "$tmp/logs/canary-deploy-$round.failure")"; return 1; }
    canary_load "canary-$round-during" "$canary_seconds" ||
      { fail_part canary "round $round: the load client failed: $(tail -n 2 "$tmp/logs/canary-$round-during.err")"; return 1; }
    cp "$tmp/logs/canary-$round-before.json" "$tmp/logs/canary-$round-during.json" "$results/"
    echo "$round base canary-$round $ms" >>"$results/canary-rounds.txt"
    log "canary round $round/$canary_rounds: deploy --canary $canary_percent% $ms ms; $(python3 -c '
import json, sys
load = json.load(open(sys.argv[1]))
ok, sides, both = load["ok"], load["byRevision"], load["clientsBothSides"]
print(f"{ok} answers during it, by revision {sides}, {both} clients saw both")' "$tmp/logs/canary-$round-during.json")"
    ms=$(timed "canary-rollback-$round" rollback --app canary)
    [ "$ms" = fail ] && { fail_part canary "round $round: $(cat "$tmp/logs/canary-rollback-$round.failure")"; return 1; }
  done
}

# --- the run ------------------------------------------------------------------------------------------------------

for tool in node python3 curl timeout setsid flock; do
  command -v "$tool" >/dev/null || die "$tool is required"
done
command -v "$orch" >/dev/null || die "$orch not found (set BENCH_ORCH to a CLI)"
log "temp directory $tmp"
log "preparing $orch (builds the CLI on first use)"
timeout 900 "${orch_env[@]}" "$orch" --help >"$tmp/orch-help.log" 2>&1 || die "$orch --help failed: $(tail -n 3 "$tmp/orch-help.log")"
run_started=$(now_ms)

port_range=$(python3 "$lib/ports.py" range $((5 * (4 * ${#stack_listen_ms[@]} + 3)))) || die "no free ports"
next_port=${port_range%-*}
for listen_ms in "${stack_listen_ms[@]}"; do write_stack "$tmp/stack-$listen_ms" "$listen_ms"; done
write_app "$tmp/hooks-with/orch.toml" hooked 0 hooks >/dev/null
write_app "$tmp/hooks-without/orch.toml" unhooked 0 >/dev/null
canary_listen=$next_port
write_app "$tmp/canary/orch.toml" canary 0 >/dev/null

parts=(hooks canary)
for listen_ms in "${stack_listen_ms[@]}"; do parts+=("stack-$listen_ms"); done
if ! start_daemon; then
  for part in "${parts[@]}"; do fail_part "$part" "$problem"; done
else
  # One unmeasured deploy of every app first: an app's first deploy also sets up its route and baseline.
  log "first deploys (not measured)"
  for listen_ms in "${stack_listen_ms[@]}"; do
    [ "$(stack_deploy "$tmp/stack-$listen_ms" "first-$listen_ms")" = fail ] &&
      fail_part "stack-$listen_ms" "the first stack deploy failed: $(cat "$tmp/logs/first-$listen_ms.failure")"
  done
  for what in with without; do
    [ "$(timed "hooks-$what-first" deploy --config "$tmp/hooks-$what/orch.toml" --release-path "$tmp/hooks-$what" \
      --revision first)" = fail ] && fail_part hooks "the first deploy failed: $(cat "$tmp/logs/hooks-$what-first.failure")"
  done
  [ "$(timed canary-first deploy --config "$tmp/canary/orch.toml" --release-path "$tmp/canary" --revision base)" = fail ] &&
    fail_part canary "the first deploy failed: $(cat "$tmp/logs/canary-first.failure")"

  if [ -n "$lock" ]; then
    log "waiting for $lock (the machine-wide benchmark lock)"
    exec 9>"$lock"
    flock 9
    log "holding $lock"
  fi
  for listen_ms in "${stack_listen_ms[@]}"; do
    if [ ! -e "$results/stack-$listen_ms.error" ]; then
      log "part 1: the diamond stack, apps listening after $listen_ms ms, $stack_rounds rounds"
      measure_stack "$listen_ms"
    fi
  done
  if [ ! -e "$results/hooks.error" ]; then
    log "part 2: release hooks, $hook_rounds deploys with and without"
    measure_hooks
  fi
  if [ ! -e "$results/canary.error" ]; then
    log "part 3: canary $canary_percent%, $canary_rounds rounds of ${canary_seconds}s before and during"
    measure_canary
  fi
  if [ -n "$lock" ]; then
    flock -u 9
    exec 9>&-
  fi
fi

python3 "$lib/releases_report.py" "$results" --started "$started_at" --stack-rounds "$stack_rounds" \
  --stack-listen-ms "${stack_listen_ms[@]}" --hook-rounds "$hook_rounds" --canary-percent "$canary_percent" \
  --canary-clients "$canary_clients" --canary-connections "$canary_connections" --canary-seconds "$canary_seconds"
log "done in $((($(now_ms) - run_started) / 1000))s"
# A part that could not be measured, or a failed deploy in a part (the table counts it), fails the run.
! compgen -G "$results/*.error" >/dev/null && ! grep -qx fail "$results"/*.txt 2>/dev/null
