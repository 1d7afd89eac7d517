#!/usr/bin/env bash
# Measures the daemon's resident memory (VmRSS of its process) idle with 1 app and with N apps deployed, and prints a
# Markdown table on stdout (progress goes to stderr). Each variant starts an isolated daemon (ORCH_STATE_DIR and
# ORCH_CONTROL in a temp dir), deploys examples/hello as app mem-1 .. mem-N on distinct free ports, and samples RSS
# after BENCH_SETTLE idle seconds (median of 3 samples one second apart). It also prints how long the daemon took to
# answer /v1/health and the median wall time of the N `orch deploy` runs, so a setting that saves memory by costing
# start-up or deploy time shows it.
#
#   bench/daemon-memory.sh                                   # the daemon as built, 10 apps
#   BENCH_APPS=5 bench/daemon-memory.sh
#   bench/daemon-memory.sh base 'gen0=DOTNET_GCgen0size=0x100000'   # A/B: LABEL or LABEL=SETTING[,SETTING]
#   bench/daemon-memory.sh base 'small=--akka-config=/tmp/small.conf'
#
# A setting is VAR=VALUE (the daemon's environment), --option=VALUE (an argument of `orch daemon`) or @PATH (another
# build of the CLI, e.g. a copy of .orch/bin from before a change: `before=@/tmp/orch-before/orch`).
# Variants run one after the other, BENCH_ROUNDS times interleaved, so they share the machine's state; a variant's
# environment is passed to the daemon (and so inherited by the router and the apps it starts).
# Hold the machine-wide lock when others measure: flock /work/bench.lock bench/daemon-memory.sh
set -uo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
orch=${BENCH_ORCH:-$root/orch}
apps=${BENCH_APPS:-10}
settle=${BENCH_SETTLE:-10}
rounds=${BENCH_ROUNDS:-1}
daemon_timeout=${BENCH_DAEMON_TIMEOUT:-180}
deploy_timeout=${BENCH_DEPLOY_TIMEOUT:-120}

log() { printf '[daemon-memory] %s\n' "$*" >&2; }

for value in "$apps" "$settle" "$rounds"; do
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { log "BENCH_APPS, BENCH_SETTLE and BENCH_ROUNDS are whole numbers >= 1"; exit 2; }
done
[ $# -gt 0 ] || set -- daemon
for tool in node python3 curl setsid; do
  command -v "$tool" >/dev/null || { log "$tool is needed"; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/orch-mem.XXXXXX")
daemon_pid=
state=

# The median of 3 samples, one second apart, in MB with one decimal.
rss_mb() {
  local samples=() i
  for i in 1 2 3; do
    samples+=("$(rss_kb "$1")")
    [ "$i" = 3 ] || sleep 1
  done
  printf '%s\n' "${samples[@]}" | sort -n | sed -n 2p | awk '{ printf "%.1f", $1 / 1024 }'
}

# RssAnon / RssFile / RssShmem (the JIT's double-mapped code) in MB, of one sample.
rss_parts() {
  awk '/^RssAnon:/ { a = $2 } /^RssFile:/ { f = $2 } /^RssShmem:/ { s = $2 }
    END { printf "%.0f / %.0f / %.0f", a / 1024, f / 1024, s / 1024 }' "/proc/$1/status"
}

# shellcheck source=bench/lib/process-helpers.sh
. "$root/bench/lib/process-helpers.sh"

stop_daemon() {
  if [ -n "$daemon_pid" ] && kill -0 "$daemon_pid" 2>/dev/null; then
    timeout 120 env ORCH_STATE_DIR="$state" ORCH_CONTROL="$state/orch.sock" "$orch" shutdown >>"$tmp/shutdown.log" 2>&1
    if ! wait_gone "$daemon_pid" 60; then
      kill -KILL -- "-$daemon_pid" 2>/dev/null
    fi
    wait "$daemon_pid" 2>/dev/null
  fi
  daemon_pid=
  kill_leftovers "$state"
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_daemon
  if [ "${BENCH_KEEP:-0}" = 1 ] || [ "$status" -ne 0 ]; then
    log "kept $tmp (daemon logs, configs)"
  else
    rm -rf "$tmp"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Builds ./orch once before anything is timed or sampled.
timeout 900 "$orch" --help >"$tmp/orch-help.log" 2>&1 || { log "$orch --help failed: $(tail -n 3 "$tmp/orch-help.log")"; exit 1; }

# One variant: LABEL, then its environment (VAR=VALUE words). Prints "LABEL|rss1|rssN" or "LABEL|error".
measure() {
  local label=$1 run=$2
  shift 2
  state=$tmp/$run/state
  mkdir -p "$state" "$tmp/$run/configs"
  local daemon_env=(env ORCH_STATE_DIR="$state" ORCH_CONTROL="$state/orch.sock") variables=() arguments=() word
  local orch=$orch
  for word in "$@"; do
    case "$word" in
      --*) arguments+=("$word") ;;
      @*) orch=${word#@} ;;
      *) variables+=("$word") ;;
    esac
  done
  setsid "${daemon_env[@]}" "${variables[@]}" "$orch" daemon "${arguments[@]}" >"$tmp/$run/daemon.log" 2>&1 &
  daemon_pid=$!
  local started_ns deadline=$((SECONDS + daemon_timeout))
  started_ns=$(date +%s%N)
  until curl -fsS --max-time 2 --unix-socket "$state/orch.sock" -o /dev/null http://localhost/v1/health 2>/dev/null; do
    if ! kill -0 "$daemon_pid" 2>/dev/null || ((SECONDS >= deadline)); then
      echo "$label|the daemon did not answer /v1/health (see $tmp/$run/daemon.log)"
      stop_daemon
      return
    fi
    sleep 0.05
  done
  local start_ms=$((($(date +%s%N) - started_ns) / 1000000))

  local rss1= i deploys=() deploy_ns
  for ((i = 1; i <= apps; i++)); do
    local config=$tmp/$run/configs/mem-$i.toml
    python3 "$root/bench/lib/orch_toml.py" "$root/examples/hello/orch.toml" \
      "127.0.0.1:$(python3 "$root/bench/lib/ports.py" any)" "$(python3 "$root/bench/lib/ports.py" range 4)" \
      | sed "s/^app = .*/app = \"mem-$i\"/" >"$config"
    deploy_ns=$(date +%s%N)
    if ! timeout "$deploy_timeout" "${daemon_env[@]}" "$orch" deploy --config "$config" \
      --release-path "$root/examples/hello" --revision r1 >"$tmp/$run/deploy-$i.log" 2>&1; then
      echo "$label|deploy of mem-$i failed: $(tail -n 2 "$tmp/$run/deploy-$i.log" | tr '\n' ' ')"
      stop_daemon
      return
    fi
    deploys+=($((($(date +%s%N) - deploy_ns) / 1000000)))
    if ((i == 1)); then
      sleep "$settle"
      rss1=$(rss_mb "$daemon_pid")
      log "$label: $rss1 MB with 1 app"
    fi
  done
  sleep "$settle"
  local rssn parts
  rssn=$(rss_mb "$daemon_pid")
  parts=$(rss_parts "$daemon_pid")
  log "$label: $rssn MB with $apps apps ($parts anon / file / shmem)"
  if [ "${BENCH_SMAPS:-0}" = 1 ]; then
    cp "/proc/$daemon_pid/smaps" "$tmp/$run/smaps"
    log "$label: smaps in $tmp/$run/smaps"
  fi
  stop_daemon
  local median
  median=$(printf '%s\n' "${deploys[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }')
  echo "$label|$rss1|$rssn|$parts|$start_ms|$median"
}

results=()
for ((round = 1; round <= rounds; round++)); do
  n=0
  for variant in "$@"; do
    n=$((n + 1))
    label=${variant%%=*}
    settings=()
    if [[ "$variant" == *=* ]]; then
      IFS=, read -ra settings <<<"${variant#*=}"
    fi
    log "round $round: $label ${settings[*]:-}"
    results+=("$(measure "$label" "r$round-v$n" "${settings[@]}")")
  done
done

echo "Daemon RSS, idle ${settle} s after the last deploy, median of 3 samples ($(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores)"
echo
echo "| variant | RSS, 1 app | RSS, $apps apps | of which anon / file / shmem (MB) | daemon start to /v1/health | median \`orch deploy\` |"
echo "|---|---:|---:|---:|---:|---:|"
failed=0
for line in "${results[@]}"; do
  IFS='|' read -r label one many parts start deploy <<<"$line"
  if [ -z "${many:-}" ]; then
    echo "| $label | $one | | | | |"
    failed=1
  else
    echo "| $label | $one MB | $many MB | $parts | $start ms | $deploy ms |"
  fi
done
exit "$failed"
