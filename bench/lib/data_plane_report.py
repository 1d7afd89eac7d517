"""Prints the data-plane benchmark's Markdown tables from the files data-plane.sh left in a results directory.

Layout of the directory (a part that could not be measured leaves `PART.error` with the reason instead):
  kills-load.json, handovers-load.json        load.py summaries of the runs under load
  kills-router-before.txt                     the router's pid:starttime before the first SIGKILL
  kills-cycles.txt                            per cycle: ms from the daemon's start to the app recovered, ms to the
                                              router listed in `orch status` again (or `never`), its pid:starttime
  handovers-cycles.txt                        per hand-over: ms of `orch router restart`, old pid, new pid
  handovers-failures.txt                      one line per `orch router restart` that failed, with its answer
  handovers-lingering.txt                     old router pids still running 30 s after the load stopped, or `none`
  recovery.txt                                key=value: deployments, setup_ms, parallel, health_ms, recovered_ms,
                                              answered_before, answered, apps, processes, adopted, restarted
  rss.txt                                     label|router pid|router kB|daemon pid|daemon kB|note (load:NAME)
  rss-load.json, rss-streams.json             load.py summaries of the RSS moments
  notes.txt                                   what the run did besides the plan (e.g. one more daemon restart)
"""
import argparse
import json
import os
import statistics
import sys
from pathlib import Path


def main(argv=None):
    args = _arguments(argv)
    print(render(Path(args.results), args.started, machine(), args))
    return 0


def machine():
    memory_kb = 0
    model = ""
    try:
        memory_kb = next(int(line.split()[1]) for line in open("/proc/meminfo") if line.startswith("MemTotal:"))
        model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "")
    except (OSError, StopIteration, ValueError):
        pass
    memory = f"{memory_kb / 1024 / 1024:.1f} GiB RAM" if memory_kb else "RAM unknown"
    return f"{os.cpu_count()} cores{f' ({model})' if model else ''}, {memory}"


def render(results, started, machine_line, load):
    caption = f"_{started}, {machine_line}, loopback; every table from the same run of `bench/data-plane.sh`._"
    lines = [f"## Data plane under daemon SIGKILLs and router hand-overs", "", caption, ""]
    lines += [
        f"Load: {load.clients} keep-alive GET clients and {load.streams} SSE streams of {load.stream_events} events "
        f"every {load.event_ms} ms (each opened again when it ends), through the router, for the whole part.",
        "",
        "| Run | Requests OK | Requests failed | Retried after an idle close | SSE streams opened / interrupted "
        "| Longest gap between SSE events | Router pid changed | Per cycle: median / max |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
        _kills_row(results, load.cycles),
        _handovers_row(results, load.cycles),
    ]
    notes = _lines(results / "notes.txt")
    if notes:
        lines += [""] + [f"Note: {note}." for note in notes]
    lines += ["", "## Recovery after a daemon SIGKILL", "", caption, ""] + _recovery_table(results)
    lines += ["", "## Memory (RSS from /proc/PID/status VmRSS)", "", caption, ""] + _rss_table(results)
    return "\n".join(lines)


def _kills_row(results, cycles):
    label = f"daemon SIGKILL + restart ×{cycles}"
    problem = _error(results, "kills")
    if problem:
        return f"| {label} | n/a: {problem} | | | | | | |"
    load = _json(results / "kills-load.json")
    before = (results / "kills-router-before.txt").read_text().strip()
    rows = [line.split() for line in _lines(results / "kills-cycles.txt")]
    changed = sorted({row[2] for row in rows} - {before})
    pid = before.split(":")[0]
    router = f"no (pid {pid} throughout)" if not changed else "**yes**: " + ", ".join(i.split(":")[0] for i in changed)
    recovered = [int(row[0]) for row in rows]
    listed = [int(row[1]) for row in rows if row[1] != "never"]
    per_cycle = f"app recovered {_median_max(recovered)}"
    if listed:
        per_cycle += f"; router back in `orch status` {_median_max(listed)}"
    if len(listed) < len(rows):
        per_cycle += f"; **router not back in `orch status` in {len(rows) - len(listed)} of {len(rows)} cycles**"
    return _load_row(label, load, router, per_cycle)


def _handovers_row(results, cycles):
    label = f"`orch router restart` ×{cycles}"
    problem = _error(results, "handovers")
    if problem:
        return f"| {label} | n/a: {problem} | | | | | | |"
    load = _json(results / "handovers-load.json")
    rows = [line.split() for line in _lines(results / "handovers-cycles.txt")]
    failures = _lines(results / "handovers-failures.txt")
    chained = all(rows[i][1] == rows[i - 1][2] for i in range(1, len(rows)))
    new = sum(1 for row in rows if row[1] != row[2])
    lingering = (results / "handovers-lingering.txt").read_text().strip()
    router = f"yes, {new} of {cycles} (a hand-over starts a new one)"
    if failures:
        router += f"; **{len(failures)} of {cycles} hand-overs failed**, e.g. {failures[0].replace('|', '/')}"
    elif not chained:
        router += "; **an old pid was not the previous new one**"
    if lingering != "none":
        router += f"; **old routers still running 30 s after the load stopped: {lingering}**"
    times = [int(row[0]) for row in rows]
    return _load_row(label, load, router, f"hand-over {_median_max(times)}")


def _load_row(label, load, router, per_cycle):
    interrupted = load["sseInterrupted"]
    streams = f"{load['sseOpened']:,} / {interrupted:,}" if not interrupted else f"{load['sseOpened']:,} / **{interrupted:,}**"
    failed = f"{load['failed']:,}" if not load["failed"] else f"**{load['failed']:,}**"
    return (f"| {label} | {load['ok']:,} | {failed} | {load['retried']:,} | {streams} "
            f"| {_seconds(load['longestGapSeconds'] * 1000)} in a stream, {_seconds(load['longestReopenSeconds'] * 1000)} "
            f"to a reopened one | {router} | {per_cycle} |")


def _recovery_table(results):
    head = ["| Deployments × processes | Setup: deploys | Daemon start → control API answers "
            "| Daemon start → every app recovered | Processes adopted / restarted | Apps answering while no daemon ran |",
            "|---|---:|---:|---:|---:|---:|"]
    problem = _error(results, "recovery")
    if problem:
        return head + [f"| n/a: {problem} | | | | | |"]
    values = dict(line.split("=", 1) for line in _lines(results / "recovery.txt"))
    deployments = int(values["deployments"])
    return head + [
        f"| {deployments} × 3 (1 web + 2 companions) | {_seconds(int(values['setup_ms']))} ({values['parallel']} at a time) "
        f"| {_seconds(int(values['health_ms']))} | {_seconds(int(values['recovered_ms']))} "
        f"| {values['adopted']} / {values['restarted']} | {values['answered']} of {deployments} "
        f"({values['answered_before']} before the SIGKILL) |"
    ]


def _rss_table(results):
    head = ["| Moment | Router RSS | Daemon RSS | Load |", "|---|---:|---:|---|"]
    rows = []
    for line in _lines(results / "rss.txt"):
        label, router_pid, router_kb, daemon_pid, daemon_kb, note = line.split("|")
        rows.append(f"| {label} | {_mib(router_kb)} (pid {router_pid}) | {_mib(daemon_kb)} (pid {daemon_pid}) | {_load_note(results, note)} |")
    for part in ("rss", "rss-load", "rss-streams"):
        problem = _error(results, part)
        if problem:
            rows.append(f"| {part} | n/a: {problem} | | |")
    return head + (rows or ["| n/a | | | |"])


def _load_note(results, note):
    if not note.startswith("load:"):
        return "none"
    name = note.split(":", 1)[1]
    path = results / f"{name}.json"
    if not path.exists():
        return "n/a: no load summary"
    load = _json(path)
    if load["clients"]:
        return (f"{load['clients']} GET clients, {load['ok'] / load['seconds']:,.0f} req/s, {load['failed']} failed; "
                f"{load['sse']} SSE streams")
    return f"{load['sse']} streams open, {load['sseInterrupted']} interrupted"


def _error(results, part):
    path = results / f"{part}.error"
    return path.read_text().strip().replace("|", "/") if path.exists() else None


def _lines(path):
    return [line for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def _json(path):
    with open(path) as source:
        return json.load(source)


def _median_max(ms):
    return f"{_seconds(statistics.median(ms))} / {_seconds(max(ms))}"


def _seconds(ms):
    return f"{ms / 1000:.2f} s"


def _mib(kb):
    return f"{int(kb) / 1024:.0f} MiB" if kb.isdigit() else "n/a (process gone)"


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--started", required=True, help="when the run started, for the captions")
    parser.add_argument("--clients", type=int, required=True)
    parser.add_argument("--streams", type=int, required=True)
    parser.add_argument("--stream-events", type=int, required=True)
    parser.add_argument("--event-ms", type=int, required=True)
    parser.add_argument("--cycles", type=int, required=True)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
