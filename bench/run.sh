#!/usr/bin/env bash
# Benchmarks Orchestrator on loopback, in one run, side by side with ratios:
#   1. wrk against the example app directly, through nginx (proxy_pass, upstream keep-alive, 1 worker), through
#      YARP alone and through our router, in interleaved rounds;
#   2. deploy overhead (median `orch deploy` minus the app's median start-to-listening) for the CLI under test and a
#      JIT build of the same CLI, interleaved, against the same daemon;
#   3. the router's p99 steady and during back-to-back deploys under the same load, and the failed requests;
#   4. the RSS of the router process and of the daemon, idle and under load;
#   5. the wall time of `orch status` and `orch --version`, for both CLIs;
#   6. the issue's targets, met or not;
#   7. with BENCH_RELEASES=1, then bench/releases.sh (stacks, release hooks, canaries) with the same CLI and lock.
# Markdown tables go to stdout, progress to stderr. See bench/README.md for every variable.
#
# Not `set -e`: a part that fails is reported as n/a in the table and the others still run; the exit code is 1.
set -uo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
lib=$repo/bench/lib

seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-2}
rounds=${BENCH_ROUNDS:-5}
deploys=${BENCH_DEPLOYS:-10}
cli_runs=${BENCH_CLI_RUNS:-20}
settle=${BENCH_SETTLE:-5}
orch=${BENCH_ORCH:-./orch}
orch_jit=${BENCH_ORCH_JIT:-}
lock=${BENCH_LOCK:-}
daemon_timeout=${BENCH_DAEMON_TIMEOUT:-180}
deploy_timeout=${BENCH_DEPLOY_TIMEOUT:-60}
releases=${BENCH_RELEASES:-0}
threads=2
connections=50
app_ports_size=64
cli_warmup=3

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

whole_number() { [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= $4)) || die "$1 must be a whole number from $3 to $4, not '$2'"; }
whole_number BENCH_SECONDS "$seconds" 1 600
whole_number BENCH_WARMUP "$warmup" 0 600
whole_number BENCH_ROUNDS "$rounds" 1 100
whole_number BENCH_DEPLOYS "$deploys" 1 600
whole_number BENCH_CLI_RUNS "$cli_runs" 1 1000
whole_number BENCH_SETTLE "$settle" 0 600
whole_number BENCH_DAEMON_TIMEOUT "$daemon_timeout" 1 600
whole_number BENCH_DEPLOY_TIMEOUT "$deploy_timeout" 1 600
whole_number BENCH_RELEASES "$releases" 0 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-bench.XXXXXX")
results=$tmp/results
mkdir -p "$results" "$tmp/state"
orch_env=(env ORCH_STATE_DIR="$tmp/state" ORCH_CONTROL="$tmp/orch.sock")
direct_pid=
nginx_pid=
yarp_pid=
daemon_pid=
load_pid=

# --- processes --------------------------------------------------------------------------------------------------

# shellcheck source=bench/lib/process-helpers.sh
. "$lib/process-helpers.sh"

stop_pid() {
  local pid=$1 grace=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  wait_gone "$pid" "$grace" || kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$load_pid" 5
  stop_pid "$yarp_pid" 10
  if [ -n "$nginx_pid" ]; then
    log "stopping nginx"
    stop_pid "$nginx_pid" 10
  fi
  if [ -n "$daemon_pid" ]; then
    shutdown_daemon 60 30
    kill_leftovers "$tmp/state"
  fi
  stop_pid "$direct_pid" 10
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    log "kept $tmp (logs, configs, raw wrk output)"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- tools --------------------------------------------------------------------------------------------------------

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get install -y "${missing[@]}" >&2 || { apt-get update -qq >&2 && apt-get install -y "${missing[@]}" >&2; } ||
      die "could not install ${missing[*]}"
  fi
  if ! command -v hyperfine >/dev/null; then
    log "installing hyperfine (the CLI timings fall back to a python loop without it)"
    apt-get install -y hyperfine >&2 || log "no hyperfine; timing the CLI with lib/cli_timing.py"
  fi
  for tool in node python3 curl timeout setsid flock; do
    command -v "$tool" >/dev/null || die "$tool is required"
  done
}

# --- the proxies --------------------------------------------------------------------------------------------------

start_direct() {
  local port=$1
  node examples/hello/app.js "$port" >"$tmp/direct.log" 2>&1 &
  direct_pid=$!
  wait_port "$port" 10
}

# YARP with one static route to the app and nothing of orch's: the floor our router builds on.
start_yarp() {
  local upstream_port=$1 port=$2
  dotnet build bench/yarp-baseline -c Release -o "$tmp/yarp" --nologo -v quiet >"$tmp/yarp-build.log" 2>&1 || return 1
  dotnet "$tmp/yarp/YarpBaseline.dll" "$port" "$upstream_port" >"$tmp/yarp.log" 2>&1 &
  yarp_pid=$!
  wait_port "$port" 30
}

# nginx_conf (bench/lib/process-helpers.sh): one worker, as the issue measures.
start_nginx() {
  local upstream_port=$1 port=$2 dir=$tmp/nginx
  nginx_conf "$dir" "$upstream_port" "$port"
  "$(nginx_bin)" -t -q -e "$dir/error.log" -c "$dir/nginx.conf" -p "$dir/" >&2 || return 1
  "$(nginx_bin)" -e "$dir/error.log" -c "$dir/nginx.conf" -p "$dir/" &
  nginx_pid=$!
  wait_port "$port" 10
}

# --- orch ---------------------------------------------------------------------------------------------------------

# The daemon gets its own session so that, if `orch shutdown` fails, its whole process group can be stopped.
# On failure, says why in $problem (not on stdout: a command substitution would lose $daemon_pid).
start_daemon() {
  problem=
  command -v "$orch" >/dev/null || { problem="$orch not found (set BENCH_ORCH to a CLI)"; return 1; }
  log "preparing $orch (builds the CLI on first use)"
  if ! timeout 900 "${orch_env[@]}" "$orch" --help >"$tmp/orch-help.log" 2>&1; then
    problem="$orch --help failed: $(tail -n 2 "$tmp/orch-help.log" | tr '\n' ' ')"
    return 1
  fi
  log "starting the daemon in $tmp/state"
  setsid "${orch_env[@]}" "$orch" daemon >"$tmp/daemon.log" 2>&1 &
  daemon_pid=$!
  local deadline=$((SECONDS + daemon_timeout))
  until curl -fsS --max-time 2 --unix-socket "$tmp/orch.sock" -o "$tmp/health.json" http://localhost/v1/health 2>/dev/null; do
    if ! kill -0 "$daemon_pid" 2>/dev/null; then
      problem="the daemon exited: $(tail -n 3 "$tmp/daemon.log" | tr '\n' ' ')"
      return 1
    fi
    if ((SECONDS >= deadline)); then
      problem="the daemon did not answer /v1/health within ${daemon_timeout}s"
      return 1
    fi
    sleep 0.2
  done
}

# The CLI to time. The repo's ./orch is a wrapper that checks the sources are older than the binary and then
# execs .orch/bin/orch; a user runs the binary, so the timings do too.
resolve_cli() {
  if [ "$(readlink -f "$orch")" = "$repo/orch" ] && [ -x "$repo/.orch/bin/orch" ]; then
    echo "$repo/.orch/bin/orch"
  else
    command -v "$orch"
  fi
}

# The JIT build of the same CLI, for comparison: BENCH_ORCH_JIT, else `dotnet build src/Cli` into the temp dir.
prepare_jit_cli() {
  if [ -n "$orch_jit" ]; then
    jit_cli=$(command -v "$orch_jit") || { problem="BENCH_ORCH_JIT=$orch_jit not found"; return 1; }
    return 0
  fi
  log "building the JIT CLI (dotnet build src/Cli/Cli.csproj -c Release -o $tmp/jit-cli)"
  if ! dotnet build src/Cli/Cli.csproj -c Release -o "$tmp/jit-cli" --nologo -v quiet >"$tmp/jit-build.log" 2>&1; then
    problem="building the JIT CLI failed: $(grep -m 1 -E 'error' "$tmp/jit-build.log" | cut -c 1-200)"
    return 1
  fi
  jit_cli=$tmp/jit-cli/orch
}

# How the tables name a CLI: as given, with its kind (NativeAOT, JIT, script) and the binary it stands for.
cli_label() {
  local given=$1 binary=$2 kind
  kind=$(python3 "$lib/cli_timing.py" kind "$binary" 2>/dev/null) || kind=unknown
  if [ -z "$given" ]; then
    echo "\`dotnet build src/Cli\` ($kind)"
  elif [ "$(readlink -f "$given")" = "$(readlink -f "$binary")" ]; then
    echo "\`$given\` ($kind)"
  else
    echo "\`$given\` ($kind, ${binary#"$repo"/})"
  fi
}

# One `orch deploy` of the example with CLI; prints its wall time in ms, or `fail` (the reason goes to
# deploy-failure.txt).
timed_deploy() {
  local cli=$1 revision=$2 started finished status
  started=$(date +%s%N)
  timeout "$deploy_timeout" "${orch_env[@]}" "$cli" deploy --config "$tmp/orch.toml" \
    --release-path "$repo/examples/hello" --revision "$revision" >"$tmp/deploy-$revision.log" 2>&1
  status=$?
  finished=$(date +%s%N)
  if ((status == 0)); then
    echo $(((finished - started) / 1000000))
    return
  fi
  local reason
  if ((status == 124)); then
    reason="orch deploy $revision gave no result within ${deploy_timeout}s"
  else
    reason="orch deploy $revision exited $status: $(tail -n 2 "$tmp/deploy-$revision.log" | tr '\n' ' ')"
  fi
  if grep -q ERROR "$tmp/daemon.log" 2>/dev/null; then
    reason+="; the daemon logged: $(grep -m 1 ERROR "$tmp/daemon.log" | cut -c 1-240)"
  fi
  log "$reason"
  echo "$reason" >"$tmp/deploy-failure.txt"
  echo fail
}

# The pids to sample, read from what the processes report, never guessed by name: the daemon's from /v1/health,
# the router's from <state dir>/router.json, else the serving router of `orch status --json`, else the daemon's
# own (a router inside the daemon). Sets $daemon_rss_pid, $router_rss_pid and $router_where.
find_pids() {
  curl -fsS --max-time 5 --unix-socket "$tmp/orch.sock" -o "$tmp/health.json" http://localhost/v1/health 2>"$tmp/health.err" ||
    { problem="/v1/health did not answer: $(cat "$tmp/health.err")"; return 1; }
  daemon_rss_pid=$(python3 "$lib/processes.py" daemon "$tmp/health.json" 2>&1) || { problem=$daemon_rss_pid; return 1; }
  timeout 30 "${orch_env[@]}" "$cli" status --json >"$tmp/status.json" 2>"$tmp/status.err" || echo '{}' >"$tmp/status.json"
  local found
  found=$(python3 "$lib/processes.py" router "$tmp/state" "$tmp/status.json" "$daemon_rss_pid" 2>&1) ||
    { problem=$found; return 1; }
  read -r router_rss_pid router_where <<<"$found"
  log "daemon pid $daemon_rss_pid (from /v1/health), router pid $router_rss_pid (from $router_where)"
}


rss_sample() {
  [ -n "${router_rss_pid:-}" ] || return 0
  local moment=$1 router_kb daemon_kb
  router_kb=$(rss_kb "$router_rss_pid")
  daemon_kb=$(rss_kb "$daemon_rss_pid")
  printf '%s|%s|%s|%s|%s|%s\n' "$moment" "$router_rss_pid" "$router_kb" "$daemon_rss_pid" "$daemon_kb" "$router_where" \
    >>"$results/rss.txt"
  log "RSS $moment: router ${router_kb:-gone} kB, daemon ${daemon_kb:-gone} kB"
}

# --- measurements -------------------------------------------------------------------------------------------------

declare -A urls=()
declare -A warmed=()

# Round ROUND of wrk against TARGET; raw output in results/wrk-TARGET-ROUND.txt. The first round of each target is
# preceded by an unmeasured warm-up (JIT, connection pools). The router's rounds sample RSS halfway through.
measure_round() {
  local name=$1 round=$2 url=${urls[$1]} out=$results/wrk-$1-$2.txt
  if ! curl -fsS --max-time 5 -o /dev/null "$url"; then
    fail_part "wrk-$name-$round" "$url did not answer 2xx before round $round"
    return 1
  fi
  if ((warmup > 0)) && [ -z "${warmed[$name]:-}" ]; then
    timeout $((warmup + 30)) wrk -t"$threads" -c"$connections" -d"${warmup}s" "$url" >/dev/null 2>&1
    warmed[$name]=1
  fi
  log "round $round/$rounds, $name: $url for ${seconds}s"
  timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url" >"$out" 2>&1 &
  load_pid=$!
  if [ "$name" = router ]; then
    sleep "$(awk "BEGIN { print $seconds / 2 }")"
    rss_sample load
  fi
  wait "$load_pid"
  local status=$?
  load_pid=
  ((status == 0)) || fail_part "wrk-$name-$round" "wrk exited $status: $(tail -n 1 "$out")"
}

# wrk on the router while BENCH_DEPLOYS deploys run back to back; wrk is stopped (SIGINT: it prints its
# statistics) as soon as the last deploy returns.
measure_during_deploys() {
  local url=${urls[router]} out=$results/wrk-during-deploys.txt
  log "router under load during $deploys back-to-back deploys"
  wrk -t"$threads" -c"$connections" -d"$((deploys * deploy_timeout + 60))s" --latency "$url" >"$out" 2>&1 &
  load_pid=$!
  sleep 0.5
  for ((i = 1; i <= deploys; i++)); do
    ms=$(timed_deploy "$cli" "load-$i")
    log "deploy load-$i under load: $ms ms"
    echo "$ms" >>"$results/deploys-under-load.txt"
  done
  kill -INT "$load_pid" 2>/dev/null
  wait_gone "$load_pid" 10 || kill -KILL "$load_pid" 2>/dev/null
  wait "$load_pid"
  local status=$?
  load_pid=
  ((status == 0)) || fail_part wrk-during-deploys "wrk exited $status: $(tail -n 1 "$out")"
}

# The wall time of `CLI ARGS...` BENCH_CLI_RUNS times (after 3 unmeasured), with hyperfine when installed; one ms a
# line in results/cli-NAME.txt.
time_cli() {
  local name=$1
  shift
  log "timing $* ($cli_runs runs)"
  if command -v hyperfine >/dev/null; then
    if "${orch_env[@]}" hyperfine -N --warmup "$cli_warmup" --runs "$cli_runs" --export-json "$tmp/hyperfine-$name.json" \
      -- "$(printf '%q ' "$@")" >"$tmp/hyperfine-$name.log" 2>&1; then
      python3 "$lib/cli_timing.py" hyperfine "$tmp/hyperfine-$name.json" >"$results/cli-$name.txt" 2>"$tmp/cli-$name.err" ||
        fail_part "cli-$name" "$(tail -n 1 "$tmp/cli-$name.err")"
    else
      fail_part "cli-$name" "hyperfine: $(grep -m 1 -iE 'error|exit' "$tmp/hyperfine-$name.log" | cut -c 1-200)"
    fi
  elif ! "${orch_env[@]}" python3 "$lib/cli_timing.py" loop "$cli_runs" "$cli_warmup" -- "$@" \
    >"$results/cli-$name.txt" 2>"$tmp/cli-$name.err"; then
    fail_part "cli-$name" "$(tail -n 1 "$tmp/cli-$name.err")"
  fi
}

# --- the run ------------------------------------------------------------------------------------------------------

ensure_tools
log "temp directory $tmp"
started_at=$(now_ms)
targets=()

direct_port=$(python3 "$lib/ports.py" any)
if start_direct "$direct_port"; then
  urls[direct]=http://127.0.0.1:$direct_port/
  targets+=(direct)
  nginx_port=$(python3 "$lib/ports.py" any)
  if start_nginx "$direct_port" "$nginx_port"; then
    urls[nginx]=http://127.0.0.1:$nginx_port/
    targets+=(nginx)
  else
    fail_part wrk-nginx "nginx did not start: $(tail -n 2 "$tmp/nginx/error.log" 2>/dev/null | tr '\n' ' ')"
  fi
  yarp_port=$(python3 "$lib/ports.py" any)
  log "building and starting the YARP reference"
  if start_yarp "$direct_port" "$yarp_port"; then
    urls[yarp]=http://127.0.0.1:$yarp_port/
    targets+=(yarp)
  else
    fail_part wrk-yarp "the YARP reference did not start: $(tail -n 2 "$tmp/yarp-build.log" "$tmp/yarp.log" 2>/dev/null | tr '\n' ' ')"
  fi
else
  fail_part wrk-direct "the example app did not listen on $direct_port"
  fail_part wrk-nginx "no app to proxy to"
  fail_part wrk-yarp "no app to proxy to"
fi

deployed=
cli=$orch
jit_cli=
orch_label="\`$orch\`"
jit_label="JIT build"
if start_daemon; then
  cli=$(resolve_cli)
  orch_label=$(cli_label "$orch" "$cli")
  if prepare_jit_cli; then
    jit_label=$(cli_label "$orch_jit" "$jit_cli")
  else
    jit_problem=$problem
    log "$jit_problem"
  fi
  listen_port=$(python3 "$lib/ports.py" any)
  app_ports=$(python3 "$lib/ports.py" range "$app_ports_size")
  python3 "$lib/orch_toml.py" examples/hello/orch.toml "127.0.0.1:$listen_port" "$app_ports" >"$tmp/orch.toml"
  log "first deploy (first), listen 127.0.0.1:$listen_port, app ports $app_ports"
  first=$(timed_deploy "$cli" first)
  if [ "$first" != fail ] && wait_port "$listen_port" 10; then
    log "first deploy took ${first} ms (cold, not counted)"
    urls[router]=http://127.0.0.1:$listen_port/
    targets+=(router)
    deployed=1
    find_pids || fail_part rss "$problem"
  else
    problem=$(cat "$tmp/deploy-failure.txt" 2>/dev/null || echo "nothing listened on $listen_port")
  fi
fi
if [ -z "$deployed" ]; then
  for part in wrk-router deploy-orch deploy-jit wrk-during-deploys deploys-under-load rss \
    cli-status-orch cli-status-jit cli-version-orch cli-version-jit; do
    fail_part "$part" "$problem"
  done
elif [ -n "${jit_problem:-}" ]; then
  for part in deploy-jit cli-status-jit cli-version-jit; do fail_part "$part" "$jit_problem"; done
fi

if [ -n "$lock" ]; then
  log "waiting for $lock (the machine-wide benchmark lock)"
  exec 9>"$lock"
  flock 9
  log "holding $lock"
fi

if [ -n "$deployed" ]; then
  sleep "$settle"
  rss_sample idle-before
fi

for ((round = 1; round <= rounds; round++)); do
  for name in "${targets[@]}"; do
    measure_round "$name" "$round"
  done
done

if [ -n "$deployed" ]; then
  log "deploy overhead: $deploys deploys per CLI, interleaved"
  for ((i = 1; i <= deploys; i++)); do
    ms=$(timed_deploy "$cli" "orch-$i")
    log "deploy orch-$i ($cli): $ms ms"
    echo "$ms" >>"$results/deploy-orch.txt"
    if [ -n "$jit_cli" ]; then
      ms=$(timed_deploy "$jit_cli" "jit-$i")
      log "deploy jit-$i ($jit_cli): $ms ms"
      echo "$ms" >>"$results/deploy-jit.txt"
    fi
  done
fi

log "app start-to-listening, $deploys times"
if ! python3 "$lib/start_to_listen.py" "$deploys" -- node examples/hello/app.js >"$results/start-ms.txt" 2>"$tmp/start.log"; then
  fail_part start-ms "$(tail -n 1 "$tmp/start.log")"
fi

if [ -n "$deployed" ]; then
  measure_during_deploys
  time_cli status-orch "$cli" status
  time_cli version-orch "$cli" --version
  if [ -n "$jit_cli" ]; then
    time_cli status-jit "$jit_cli" status
    time_cli version-jit "$jit_cli" --version
  fi
  sleep "$settle"
  rss_sample idle-after
fi

if [ -n "$lock" ]; then
  flock -u 9
  exec 9>&-
fi

cli_timer="python loop, lib/cli_timing.py"
command -v hyperfine >/dev/null && cli_timer="hyperfine -N, $cli_warmup warm-up runs"
python3 "$lib/report.py" "$results" --seconds "$seconds" --threads "$threads" --connections "$connections" \
  --rounds "$rounds" --deploys "$deploys" --cli-runs "$cli_runs" --cli-timer "$cli_timer" \
  --orch-label "$orch_label" --jit-label "$jit_label"
log "done in $((($(now_ms) - started_at) / 1000))s"
releases_status=0
if ((releases)); then
  # Its own isolated daemon and temp directory; it takes BENCH_LOCK itself while it measures.
  echo
  log "bench/releases.sh (BENCH_RELEASES=1)"
  BENCH_ORCH=$orch bench/releases.sh || releases_status=$?
fi
! compgen -G "$results/*.error" >/dev/null && ((releases_status == 0))
