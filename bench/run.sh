#!/usr/bin/env bash
# Benchmarks Orchestrator on loopback, in one run, side by side:
#   1. wrk against the example app directly, through our router, and through nginx (proxy_pass, upstream keep-alive);
#   2. deploy overhead: median `orch deploy` wall time minus the app's own median start-to-listening time.
# Markdown tables go to stdout, progress to stderr. See bench/README.md.
#
# Environment: BENCH_SECONDS (10) per wrk run, BENCH_WARMUP (2) unmeasured seconds before each, BENCH_DEPLOYS (7),
# BENCH_ORCH (./orch) the CLI to drive, BENCH_DAEMON_TIMEOUT (180) seconds for the daemon to answer,
# BENCH_DEPLOY_TIMEOUT (60) seconds for one `orch deploy` to finish,
# BENCH_KEEP=1 keeps the temp directory (logs, configs, raw wrk output).
#
# Not `set -e`: a part that fails is reported as n/a in the table and the others still run; the exit code is 1.
set -uo pipefail

cd "$(dirname "$0")/.."
repo=$PWD
lib=$repo/bench/lib

seconds=${BENCH_SECONDS:-10}
warmup=${BENCH_WARMUP:-2}
deploys=${BENCH_DEPLOYS:-7}
orch=${BENCH_ORCH:-./orch}
daemon_timeout=${BENCH_DAEMON_TIMEOUT:-180}
deploy_timeout=${BENCH_DEPLOY_TIMEOUT:-60}
threads=2
connections=50
app_ports_size=32

log() { printf '[bench] %s\n' "$*" >&2; }
die() { log "$*"; exit 2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }

whole_number() { [[ $2 =~ ^[0-9]+$ ]] && (($2 >= $3 && $2 <= 600)) || die "$1 must be a whole number from $3 to 600, not '$2'"; }
whole_number BENCH_SECONDS "$seconds" 1
whole_number BENCH_WARMUP "$warmup" 0
whole_number BENCH_DEPLOYS "$deploys" 1
whole_number BENCH_DAEMON_TIMEOUT "$daemon_timeout" 1
whole_number BENCH_DEPLOY_TIMEOUT "$deploy_timeout" 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-bench.XXXXXX")
results=$tmp/results
mkdir -p "$results" "$tmp/state"
orch_env=(env ORCH_STATE_DIR="$tmp/state" ORCH_CONTROL="$tmp/orch.sock")
direct_pid=
nginx_pid=
yarp_pid=
daemon_pid=

# --- processes --------------------------------------------------------------------------------------------------

# Waits (bounded) for a process we started to exit; true when it has.
wait_gone() {
  local pid=$1 tenths=$(($2 * 10))
  for ((i = 0; i < tenths; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  ! kill -0 "$pid" 2>/dev/null
}

stop_pid() {
  local pid=$1 grace=$2
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM "$pid" 2>/dev/null
  wait_gone "$pid" "$grace" || kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# Processes the isolated daemon started and left behind carry its state directory in their environment;
# nothing else on the machine can, because the directory is this run's own temp directory.
kill_leftovers() {
  local environ pid
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    if grep -qzx "ORCH_STATE_DIR=$tmp/state" "$environ" 2>/dev/null; then
      log "killing leftover process $pid: $(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)"
      kill -KILL "$pid" 2>/dev/null
    fi
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [ -n "$yarp_pid" ]; then
    stop_pid "$yarp_pid" 10
  fi
  if [ -n "$nginx_pid" ]; then
    log "stopping nginx"
    stop_pid "$nginx_pid" 10
  fi
  if [ -n "$daemon_pid" ]; then
    log "stopping the daemon (orch shutdown)"
    timeout 60 "${orch_env[@]}" "$orch" shutdown >>"$tmp/shutdown.log" 2>&1
    if ! wait_gone "$daemon_pid" 30; then
      log "daemon still running after shutdown; terminating its process group"
      kill -TERM -- "-$daemon_pid" 2>/dev/null
      wait_gone "$daemon_pid" 10 || kill -KILL -- "-$daemon_pid" 2>/dev/null
    fi
    wait "$daemon_pid" 2>/dev/null
    kill_leftovers
  fi
  if [ -n "$direct_pid" ]; then
    stop_pid "$direct_pid" 10
  fi
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

# Polls until 127.0.0.1:PORT accepts a connection, for at most SECONDS.
wait_port() {
  local port=$1 tenths=$(($2 * 10))
  for ((i = 0; i < tenths; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# Records why a part has no result; the report shows it in place of the numbers.
fail_part() {
  log "$1: $2"
  printf '%s\n' "$2" >"$results/$1.error"
}

# --- tools --------------------------------------------------------------------------------------------------------

ensure_tools() {
  local missing=()
  command -v wrk >/dev/null || missing+=(wrk)
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
  if ((${#missing[@]})); then
    log "installing ${missing[*]}"
    apt-get install -y wrk nginx-light >&2 || { apt-get update -qq >&2 && apt-get install -y wrk nginx-light >&2; } ||
      die "could not install ${missing[*]}"
  fi
  for tool in node python3 curl timeout setsid; do
    command -v "$tool" >/dev/null || die "$tool is required"
  done
}

nginx_bin() { command -v nginx || echo /usr/sbin/nginx; }

# --- measurements -------------------------------------------------------------------------------------------------

# wrk against URL, after an unmeasured warm-up (JIT, connection pools); raw output in results/wrk-NAME.txt.
measure_wrk() {
  local name=$1 url=$2
  if ! curl -fsS --max-time 5 -o /dev/null "$url"; then
    fail_part "wrk-$name" "$url did not answer 2xx before the run"
    return 1
  fi
  if ((warmup > 0)); then
    timeout $((warmup + 30)) wrk -t"$threads" -c"$connections" -d"${warmup}s" "$url" >/dev/null
  fi
  log "wrk $name: $url for ${seconds}s"
  if ! timeout $((seconds + 30)) wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$url" \
    >"$results/wrk-$name.txt" 2>&1; then
    fail_part "wrk-$name" "wrk failed: $(tail -n 1 "$results/wrk-$name.txt")"
    return 1
  fi
}

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

start_nginx() {
  local upstream_port=$1 port=$2 dir=$tmp/nginx
  mkdir -p "$dir"
  cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $dir/client_body;
  proxy_temp_path $dir/proxy;
  fastcgi_temp_path $dir/fastcgi;
  uwsgi_temp_path $dir/uwsgi;
  scgi_temp_path $dir/scgi;
  upstream app {
    server 127.0.0.1:$upstream_port;
    keepalive 64;
  }
  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }
  }
}
EOF
  "$(nginx_bin)" -t -q -e "$dir/error.log" -c "$dir/nginx.conf" -p "$dir/" >&2 || return 1
  "$(nginx_bin)" -e "$dir/error.log" -c "$dir/nginx.conf" -p "$dir/" &
  nginx_pid=$!
  wait_port "$port" 10
}

# The daemon gets its own session so that, if `orch shutdown` fails, its whole process group can be stopped.
# On failure, says why in $problem (not on stdout: a command substitution would lose $daemon_pid).
start_daemon() {
  problem=
  command -v "$orch" >/dev/null || { problem="$orch not found (set BENCH_ORCH to a CLI)"; return 1; }
  log "preparing $orch (builds the CLI on first use)"
  timeout 900 "${orch_env[@]}" "$orch" --help >"$tmp/orch-help.log" 2>&1
  log "starting the daemon in $tmp/state"
  setsid "${orch_env[@]}" "$orch" daemon >"$tmp/daemon.log" 2>&1 &
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
    sleep 0.2
  done
}

# One `orch deploy` of the example; prints its wall time in ms, or `fail` (the reason goes to deploy-failure.txt).
timed_deploy() {
  local revision=$1 started finished status
  started=$(date +%s%N)
  timeout "$deploy_timeout" "${orch_env[@]}" "$orch" deploy --config "$tmp/orch.toml" \
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

# --- the run ------------------------------------------------------------------------------------------------------

ensure_tools
log "temp directory $tmp"
started_at=$(now_ms)

direct_port=$(python3 "$lib/ports.py" any)
if start_direct "$direct_port"; then
  measure_wrk direct "http://127.0.0.1:$direct_port/"
  nginx_port=$(python3 "$lib/ports.py" any)
  if start_nginx "$direct_port" "$nginx_port"; then
    measure_wrk nginx "http://127.0.0.1:$nginx_port/"
  else
    fail_part wrk-nginx "nginx did not start: $(tail -n 2 "$tmp/nginx/error.log" 2>/dev/null | tr '\n' ' ')"
  fi
  yarp_port=$(python3 "$lib/ports.py" any)
  if start_yarp "$direct_port" "$yarp_port"; then
    measure_wrk yarp "http://127.0.0.1:$yarp_port/"
  else
    fail_part wrk-yarp "the YARP reference did not start: $(tail -n 2 "$tmp/yarp-build.log" "$tmp/yarp.log" 2>/dev/null | tr '\n' ' ')"
  fi
  stop_pid "$yarp_pid" 10
  yarp_pid=
else
  fail_part wrk-direct "the example app did not listen on $direct_port"
  fail_part wrk-nginx "no app to proxy to"
  fail_part wrk-yarp "no app to proxy to"
fi

if start_daemon; then
  listen_port=$(python3 "$lib/ports.py" any)
  app_ports=$(python3 "$lib/ports.py" range "$app_ports_size")
  python3 "$lib/orch_toml.py" examples/hello/orch.toml "127.0.0.1:$listen_port" "$app_ports" >"$tmp/orch.toml"
  log "first deploy (bench1), listen 127.0.0.1:$listen_port, app ports $app_ports"
  first=$(timed_deploy bench1)
  if [ "$first" != fail ] && wait_port "$listen_port" 10; then
    log "first deploy took ${first} ms (cold, not counted)"
    measure_wrk router "http://127.0.0.1:$listen_port/"
    for ((i = 1; i <= deploys; i++)); do
      ms=$(timed_deploy "bench$((i + 1))")
      log "deploy bench$((i + 1)): $ms ms"
      echo "$ms" >>"$results/deploy-ms.txt"
    done
  else
    fail_part wrk-router "$(cat "$tmp/deploy-failure.txt" 2>/dev/null || echo "nothing listened on $listen_port")"
    fail_part deploy-ms "the first deploy failed"
  fi
else
  fail_part wrk-router "$problem"
  fail_part deploy-ms "$problem"
fi

log "app start-to-listening, $deploys times"
if ! python3 "$lib/start_to_listen.py" "$deploys" -- node examples/hello/app.js >"$results/start-ms.txt" 2>"$tmp/start.log"; then
  fail_part start-ms "$(tail -n 1 "$tmp/start.log")"
fi

python3 "$lib/report.py" "$results" --seconds "$seconds" --threads "$threads" --connections "$connections"
log "done in $((($(now_ms) - started_at) / 1000))s"
! compgen -G "$results/*.error" >/dev/null
