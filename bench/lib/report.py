"""Prints the benchmark's Markdown tables from the files run.sh left in a results directory.

Layout of the directory (each part writes its data, or a `.error` file with the reason it has none):
  wrk-TARGET-R.txt          raw `wrk --latency` output of round R, TARGET one of direct, nginx, yarp, router
                            (wrk-TARGET.error: the target could not run; wrk-TARGET-R.error: that round failed)
  deploy-orch.txt,          one wall time per `orch deploy`, in ms, or `fail`, for the CLI under test and the JIT
  deploy-jit.txt            build of the same CLI
  start-ms.txt              one app start-to-listening time per line, in ms
  wrk-during-deploys.txt    raw wrk output of the router under load while deploys ran back to back
  deploys-under-load.txt    the wall time of each of those deploys, in ms, or `fail`
  rss.txt                   MOMENT|ROUTER_PID|ROUTER_KB|DAEMON_PID|DAEMON_KB|WHERE per sample (VmRSS; MOMENT is
                            idle-before, load or idle-after; WHERE tells where the router pid came from)
  cli-COMMAND-CLI.txt       one wall time per run in ms, COMMAND status or version, CLI orch or jit
"""
import argparse
import os
import statistics
import sys
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from rounds import RoundsSummary, summarize
from samples import read_problem, read_samples
from targets import evaluate
from wrk_output import WrkParseError, parse

PROXIES = [
    ("direct", "direct (node app)"),
    ("nginx", "nginx proxy_pass, 1 worker"),
    ("yarp", "YARP alone (reference)"),
    ("router", "our router"),
]
CLIS = [("orch", "orch_label"), ("jit", "jit_label")]
COMMANDS = [("status", "`orch status` (1 app deployed)"), ("version", "`orch --version`")]
RSS_MOMENTS = [
    ("idle-before", "idle, 1 app, before the load"),
    ("load", "under the router load (highest of the router rounds' samples)"),
    ("idle-after", "idle, after the load and every deploy"),
]


@dataclass(frozen=True)
class Settings:
    seconds: int
    threads: int
    connections: int
    rounds: int
    deploys: int
    cli_runs: int
    cli_timer: str
    orch_label: str
    jit_label: str


@dataclass(frozen=True)
class RssSample:
    router_pid: int
    router_kb: int
    daemon_pid: int
    daemon_kb: int
    where: str

    @property
    def together_kb(self):
        # A router inside the daemon is the daemon's memory: counting it twice would double the process.
        return self.daemon_kb if self.where == "daemon" else self.router_kb + self.daemon_kb


@dataclass(frozen=True)
class Measured:
    """Everything the tables show, read from the results directory: a value, or a string saying why not."""
    proxies: dict
    deploys: dict
    starts: tuple
    during: object
    deploys_under_load: tuple
    rss: dict
    cli: dict

    def overhead_ms(self, cli):
        deploys, _ = self.deploys[cli]
        starts, _ = self.starts
        succeeded = [d for d in deploys if d is not None]
        if not succeeded or not starts:
            return None
        return statistics.median(succeeded) - statistics.median(starts)


def load(results):
    results = Path(results)
    return Measured(
        proxies={name: summarize(results, name) for name, _ in PROXIES},
        deploys={cli: read_samples(results, f"deploy-{cli}") for cli, _ in CLIS},
        starts=read_samples(results, "start-ms"),
        during=_wrk(results, "wrk-during-deploys"),
        deploys_under_load=read_samples(results, "deploys-under-load"),
        rss=_rss(results),
        cli={(command, cli): read_samples(results, f"cli-{command}-{cli}") for command, _ in COMMANDS for cli, _ in CLIS},
    )


def render(results, settings):
    measured = load(results)
    sections = [
        _proxy_section(measured, settings),
        _deploy_section(measured, settings),
        _during_section(measured, settings),
        _rss_section(measured),
        _cli_section(measured, settings),
        ["## Targets", "", "| Target | Goal | Measured | Verdict |", "|---|---|---:|---|"] + evaluate(measured),
    ]
    return "\n\n".join("\n".join(section) for section in sections)


def header(settings, now=None):
    now = now or datetime.now(timezone.utc)
    memory = _memory_gib()
    machine = f"{os.cpu_count()} cores" + (f", {memory:.0f} GiB" if memory else "")
    return (f"# Orchestrator benchmark, {now:%Y-%m-%d %H:%M} UTC\n\n"
            f"One run of `bench/run.sh` on this machine ({machine}); every number below comes from it. "
            f"BENCH_SECONDS={settings.seconds} BENCH_ROUNDS={settings.rounds} BENCH_DEPLOYS={settings.deploys} "
            f"BENCH_CLI_RUNS={settings.cli_runs}.")


# --- sections -----------------------------------------------------------------------------------------------------

def _proxy_section(measured, settings):
    lines = [
        f"## Proxy throughput and latency",
        "",
        f"wrk -t{settings.threads} -c{settings.connections} -d{settings.seconds}s --latency, keep-alive `GET /` on "
        f"127.0.0.1; medians of {settings.rounds} interleaved rounds (direct, nginx, YARP, router, then again).",
        "",
        "| Target | Req/s | p50 | p99 | Errors | Rounds | Req/s vs direct | p50 vs direct | p99 vs direct "
        "| Req/s vs nginx | p50 vs nginx | p99 vs nginx |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    direct, nginx = _usable(measured.proxies["direct"]), _usable(measured.proxies["nginx"])
    for name, label in PROXIES:
        result = measured.proxies[name]
        if isinstance(result, str):
            lines.append(f"| {label} | n/a: {result} |" + " |" * 10)
            continue
        rounds = f"{result.rounds}" + (f" ({result.failed_rounds} failed)" if result.failed_rounds else "")
        lines.append(
            f"| {label} | {result.requests_per_second:,.0f} | {_ms(result.p50_ms)} | {_ms(result.p99_ms)} "
            f"| {result.errors} | {rounds} | {_ratios(result, direct)} | {_ratios(result, nginx)} |")
    return lines


def _deploy_section(measured, settings):
    lines = [
        "## Deploy overhead",
        "",
        f"{settings.deploys} `orch deploy`s of `examples/hello` per CLI, interleaved, against the same daemon, after one "
        "unmeasured first deploy; overhead = median(deploy) - median(the bare app's start-to-listening).",
        "",
        "| CLI | `orch deploy` median | Min | Max | Deploys | Overhead |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for cli, label_field in CLIS:
        deploys, problem = measured.deploys[cli]
        overhead = measured.overhead_ms(cli)
        lines.append(_sample_row(getattr(settings, label_field), deploys, problem) +
                     f" {_ms(overhead) if overhead is not None else 'n/a'} |")
    starts, problem = measured.starts
    lines.append(_sample_row("app start-to-listening (no orch)", starts, problem) + " |")
    ours, jit = measured.overhead_ms("orch"), measured.overhead_ms("jit")
    if ours is not None and jit is not None:
        lines += ["", f"Overhead of {settings.orch_label} vs the JIT build: {_ms(ours - jit)} ({_ratio(ours, jit)})."]
    return lines


def _during_section(measured, settings):
    lines = [
        "## Router p99 during deploys",
        "",
        f"The same wrk load on the router; *steady* is the median of its {settings.rounds} rounds above, *during* one wrk "
        f"run that lasts while {settings.deploys} deploys run back to back. Failed = socket errors + non-2xx answers.",
        "",
        "| Router under load | Req/s | p50 | p99 | Failed requests | p99 vs steady |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    steady, during = measured.proxies["router"], measured.during
    if isinstance(steady, str):
        lines.append(f"| steady | n/a: {steady} |" + " |" * 4)
    else:
        lines.append(f"| steady | {steady.requests_per_second:,.0f} | {_ms(steady.p50_ms)} | {_ms(steady.p99_ms)} "
                     f"| {steady.errors} | 1.00x |")
    if isinstance(during, str):
        lines.append(f"| during {settings.deploys} deploys | n/a: {during} |" + " |" * 4)
    else:
        versus = _ratio(during.p99_ms, None if isinstance(steady, str) else steady.p99_ms)
        lines.append(f"| during {settings.deploys} deploys | {during.requests_per_second:,.0f} | {_ms(during.p50_ms)} "
                     f"| {_ms(during.p99_ms)} | {during.errors} | {versus} |")
    deploys, problem = measured.deploys_under_load
    if problem is not None:
        lines += ["", f"Deploys under load: n/a: {problem}."]
    else:
        succeeded = [d for d in deploys if d is not None]
        timing = f", median {_ms(statistics.median(succeeded))}" if succeeded else ""
        lines += ["", f"Deploys under load: {len(succeeded)} succeeded, {len(deploys) - len(succeeded)} failed{timing}."]
    return lines


def _rss_section(measured):
    lines = ["## Memory (VmRSS)", ""]
    if isinstance(measured.rss, str):
        return lines + [f"n/a: {measured.rss}"]
    samples = [s for moment, _ in RSS_MOMENTS for s in measured.rss.get(moment, [])]
    where = {s.where for s in samples}
    lines += [_router_origin(samples[0] if samples else None, where), "",
              "| Moment | Router | Daemon | Router + daemon | Samples |", "|---|---:|---:|---:|---:|"]
    for moment, label in RSS_MOMENTS:
        taken = measured.rss.get(moment, [])
        if not taken:
            lines.append(f"| {label} | n/a: not sampled | | | |")
            continue
        lines.append(f"| {label} | {_mb(max(s.router_kb for s in taken))} | {_mb(max(s.daemon_kb for s in taken))} "
                     f"| {_mb(max(s.together_kb for s in taken))} | {len(taken)} |")
    return lines


def _cli_section(measured, settings):
    lines = [
        "## CLI wall time",
        "",
        f"Median of {settings.cli_runs} runs each ({settings.cli_timer}), against the running daemon.",
        "",
        f"| Command | {settings.orch_label} | {settings.jit_label} | vs JIT |",
        "|---|---:|---:|---:|",
    ]
    for command, label in COMMANDS:
        medians = {cli: _median_or_problem(*measured.cli[(command, cli)]) for cli, _ in CLIS}
        cells = [_ms(v) if isinstance(v, float) else f"n/a: {v}" for v in medians.values()]
        both = all(isinstance(v, float) for v in medians.values())
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {_ratio(medians['orch'], medians['jit']) if both else 'n/a'} |")
    return lines


# --- reading ------------------------------------------------------------------------------------------------------

def _wrk(results, name):
    problem = read_problem(results / f"{name}.error")
    if problem is not None:
        return problem
    path = results / f"{name}.txt"
    if not path.exists():
        return "not run"
    try:
        return parse(path.read_text())
    except WrkParseError as error:
        return str(error)


def _rss(results):
    problem = read_problem(results / "rss.error")
    if problem is not None:
        return problem
    path = results / "rss.txt"
    if not path.exists():
        return "not run"
    moments = {}
    for line in path.read_text().splitlines():
        if not line.strip():
            continue
        moment, router_pid, router_kb, daemon_pid, daemon_kb, where = line.split("|")
        if not router_kb or not daemon_kb:
            continue  # a process that was gone at that moment; the count of samples shows it
        moments.setdefault(moment, []).append(
            RssSample(int(router_pid), int(router_kb), int(daemon_pid), int(daemon_kb), where))
    return moments


def _median_or_problem(samples, problem):
    if problem is not None:
        return problem
    succeeded = [s for s in samples if s is not None]
    return statistics.median(succeeded) if succeeded else "every run failed"


def _usable(result):
    return result if isinstance(result, RoundsSummary) else None


def _memory_gib():
    try:
        with open("/proc/meminfo") as meminfo:
            kb = int(meminfo.readline().split()[1])
        return kb / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return None


# --- formatting ---------------------------------------------------------------------------------------------------

def _router_origin(sample, where):
    if sample is None:
        return "No sample was taken."
    if where == {"daemon"}:
        return (f"The router runs inside the daemon (pid {sample.daemon_pid}; no `router.json`, no `routers` in "
                "`orch status --json`): its column is the daemon's process, counted once in the sum.")
    origin = " and ".join(sorted(where))
    return (f"Router pid {sample.router_pid} (from {origin}), daemon pid {sample.daemon_pid} (from `/v1/health`); "
            "MB = 1024 kB of VmRSS.")


def _sample_row(label, samples, problem):
    if problem is not None:
        return f"| {label} | n/a: {problem} | | | |"
    succeeded = [s for s in samples if s is not None]
    failed = len(samples) - len(succeeded)
    if not succeeded:
        return f"| {label} | n/a: every run failed | | | {failed} failed |"
    count = f"{len(succeeded)}" + (f" ({failed} failed)" if failed else "")
    return f"| {label} | {_ms(statistics.median(succeeded))} | {_ms(min(succeeded))} | {_ms(max(succeeded))} | {count} |"


def _ratios(result, base):
    if base is None:
        return "n/a | n/a | n/a"
    return " | ".join([_ratio(result.requests_per_second, base.requests_per_second),
                       _ratio(result.p50_ms, base.p50_ms), _ratio(result.p99_ms, base.p99_ms)])


def _ms(value):
    if abs(value) < 10:
        return f"{value:.2f} ms"
    if abs(value) < 100:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def _mb(kb):
    return f"{kb / 1024:.1f} MB"


def _ratio(value, base):
    return f"{value / base:.2f}x" if base else "n/a"


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    for name in ("seconds", "threads", "connections", "rounds", "deploys", "cli-runs"):
        parser.add_argument(f"--{name}", type=int, required=True)
    for name in ("cli-timer", "orch-label", "jit-label"):
        parser.add_argument(f"--{name}", required=True)
    return parser.parse_args(argv)


def main(argv=None):
    args = _arguments(argv)
    settings = Settings(args.seconds, args.threads, args.connections, args.rounds, args.deploys, args.cli_runs,
                        args.cli_timer, args.orch_label, args.jit_label)
    print(header(settings))
    print()
    print(render(Path(args.results), settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
