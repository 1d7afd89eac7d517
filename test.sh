#!/usr/bin/env bash
# Runs every test: unit (actors, config, router, control API) and integration (real daemon, real processes).
# Prints a closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
dotnet test Orchestrator.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Failed: N, Passed: N" summary per test project.
# The benchmark scripts' own helpers (wrk parsing, the load client, the tables) have Python unit tests.
bench_log=$(mktemp)
python3 -m unittest discover -s bench/tests 2>&1 | tee "$bench_log"
bench_status=${PIPESTATUS[0]}
[ "$bench_status" -eq 0 ] || status=$bench_status

# The front door: ./orch builds the native client (NativeAOT) with orch-daemon and orch-router beside it.
native_passed=0
native_failed=0
if tests/native-client.sh; then native_passed=1; else native_failed=1; status=1; fi

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
bench_ran=$(grep -oE '^Ran [0-9]+ tests?' "$bench_log" | awk '{ print $2 }')
bench_failed=$(grep -E '^FAILED \(' "$bench_log" | grep -oE '=[0-9]+' | tr -d '=' | awk '{ s += $1 } END { print s + 0 }')
passed=$((passed + ${bench_ran:-0} - ${bench_failed:-0} + native_passed))
failed=$((failed + ${bench_failed:-0} + native_failed))
rm -f "$bench_log"
# CI shows the end of the output: name each failed test there, with the start of its message.
if [ "$failed" -gt 0 ]; then
  echo "failed tests:"
  awk '/^ +Failed [A-Za-z]/ { show = 1; n = 0 } /^ +Stack Trace:/ { show = 0 } show && n < 12 { print; n++ }' "$log"
fi
rm -f "$log"
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
