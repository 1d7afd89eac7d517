#!/usr/bin/env bash
# Runs every test: unit (actors, config, router, control API) and integration (real daemon, real processes).
# Prints a closing "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

log=$(mktemp)
dotnet test Orchestrator.sln -c Release --logger "console;verbosity=normal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one "Failed: N, Passed: N" summary per test project.
passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{ s += $2 } END { print s + 0 }')
rm -f "$log"
echo "$passed passed, $failed failed"
if [ "$status" -eq 0 ] && [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
exit "$status"
