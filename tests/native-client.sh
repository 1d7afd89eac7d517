#!/usr/bin/env bash
# Checks the install ./orch builds: a NativeAOT `orch` (when clang and zlib1g-dev are present) that answers
# --version and validates the example, orch-daemon beside it that `orch doctor` execs, and a NativeAOT orch-router. Exit 0 when all hold.
set -uo pipefail
cd "$(dirname "$0")/.."

fail() { echo "native client check: $*" >&2; exit 1; }

./orch --version >/dev/null || fail "./orch --version failed"
if command -v clang >/dev/null 2>&1 && [ -f /usr/include/zlib.h ]; then
  # An apphost is a few kB that loads orch.dll; the NativeAOT client is the whole program in one file.
  size=$(stat -c %s .orch/bin/orch)
  [ "$size" -gt 4000000 ] || fail ".orch/bin/orch is $size bytes: an apphost, not the NativeAOT client"
  size=$(stat -c %s .orch/bin/orch-router)
  [ "$size" -gt 4000000 ] || fail ".orch/bin/orch-router is $size bytes: an apphost, not the NativeAOT router"
fi
help=$(./orch router --help) || fail "./orch router --help (exec of orch-router) failed"
[[ $help == *"--drain-timeout"* ]] || fail "./orch router --help did not show orch-router's options: $help"
out=$(./orch validate --config examples/hello/orch.toml) || fail "./orch validate examples/hello/orch.toml failed: $out"
[[ $out == *"is valid"* ]] || fail "unexpected validate output: $out"
json=$(./orch validate --json --config examples/hello/orch.toml) || fail "./orch validate --json failed: $json"
[[ $json == *'"valid":true'* ]] || fail "unexpected validate --json output: $json"
help=$(./orch daemon --help) || fail "./orch daemon --help (exec of orch-daemon) failed"
[[ $help == *"--state-dir"* ]] || fail "./orch daemon --help did not show orch-daemon's options: $help"
echo "native client check: ok ($(./orch --version))"
