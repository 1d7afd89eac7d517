"""Wall time of a CLI command, in ms, one line per run.

  cli_timing.py loop RUNS WARMUP -- COMMAND...   runs COMMAND WARMUP times unmeasured, then RUNS times, each
      timed from spawn to exit (output discarded); exits 1 naming the exit code if any run fails
  cli_timing.py hyperfine RESULT.json            the times of `hyperfine --export-json RESULT.json`
  cli_timing.py kind PATH                        `NativeAOT`, `JIT` (a .NET apphost next to its NAME.dll) or `script`
"""
import json
import os
import subprocess
import sys
import time


def time_runs(command, runs, warmup):
    samples = []
    for index in range(warmup + runs):
        started = time.perf_counter()
        exit_code = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL).returncode
        elapsed = (time.perf_counter() - started) * 1000
        if exit_code != 0:
            raise SystemExit(f"{' '.join(command)} exited {exit_code}")
        if index >= warmup:
            samples.append(elapsed)
    return samples


def hyperfine_times(result):
    """The ms of every run of the one command a hyperfine JSON export holds."""
    commands = result.get("results") or []
    if len(commands) != 1:
        raise ValueError(f"expected the result of one command, found {len(commands)}")
    exit_codes = [code for code in commands[0].get("exit_codes") or [] if code != 0]
    if exit_codes:
        raise ValueError(f"{commands[0].get('command')} exited {exit_codes[0]}")
    return [seconds * 1000 for seconds in commands[0]["times"]]


def kind(path):
    path = os.path.realpath(path)
    with open(path, "rb") as binary:
        if binary.read(4) != b"\x7fELF":
            return "script"
    name = os.path.basename(path)
    return "JIT" if os.path.exists(os.path.join(os.path.dirname(path), f"{name}.dll")) else "NativeAOT"


def main(argv):
    if len(argv) >= 5 and argv[0] == "loop" and argv[3] == "--":
        samples = time_runs(argv[4:], int(argv[1]), int(argv[2]))
    elif len(argv) == 2 and argv[0] == "hyperfine":
        try:
            with open(argv[1]) as source:
                samples = hyperfine_times(json.load(source))
        except (OSError, ValueError, KeyError) as error:
            raise SystemExit(f"cli_timing.py: {argv[1]}: {error}")
    elif len(argv) == 2 and argv[0] == "kind":
        print(kind(argv[1]))
        return 0
    else:
        raise SystemExit(__doc__)
    for sample in samples:
        print(f"{sample:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
