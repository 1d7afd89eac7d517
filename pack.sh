#!/usr/bin/env bash
# Packs the .NET tool `orch` (the CLI with orch-daemon and orch-router inside) into ./artifacts:
#   ./pack.sh && dotnet tool install -g orch --add-source ./artifacts
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
exec dotnet pack "$root/src/Cli/Cli.csproj" -c Release -o "$root/artifacts" --nologo "$@"
