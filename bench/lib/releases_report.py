"""Prints the releases benchmark's Markdown tables (issue 12: stacks, release hooks, canaries) from the files
releases.sh left in a results directory.

Layout of the directory (a part that could not be measured leaves `PART.error` with the reason instead; the parts
are `stack-LISTEN_MS`, `hooks` and `canary`):
  stack-LISTEN_MS-wall.txt        per round, ms of `orch deploy --stack` (the CLI's wall time), or `fail`
  stack-LISTEN_MS-R.json          round R's `orch deploy --stack --json` document ({stack, run: {startedAt, endedAt,
                                  apps: [{app, startedAt, endedAt, ...}]}})
  plain-LISTEN_MS-wall.txt        per round, the sum of the ms of the four plain `orch deploy`s, or `fail`
  hooks-with.txt, hooks-without.txt   ms of each `orch deploy` of the app with / without `[hooks]`, or `fail`
  hooks-with-R.progress, hooks-without-R.progress   round R's `orch deploy` output (its timed progress lines)
  canary-rounds.txt               per round: R, the active revision, the canary's revision, ms of `orch deploy --canary`
  canary-R-before.json, canary-R-during.json   canary_load.py summaries before the canary deploy and during the canary
"""
import argparse
import json
import statistics
import sys
from datetime import datetime
from pathlib import Path

from data_plane_report import machine
from samples import percentile, read_problem, read_samples

CANARY_TARGET, CANARY_TOLERANCE = 20.0, 5.0


def main(argv=None):
    args = _arguments(argv)
    print(render(Path(args.results), args.started, machine(), args))
    return 0


def render(results, started, machine_line, settings):
    caption = f"_{started}, {machine_line}, loopback; every table from the same run of `bench/releases.sh`._"
    lines = ["## Releases: stacks, release hooks, canaries", "", caption, ""]
    lines += _stack_table(results, settings) + [""]
    lines += _hooks_table(results, settings) + [""]
    lines += _canary_table(results, settings)
    return "\n".join(lines)


# --- stacks -------------------------------------------------------------------------------------------------------

def overlap_ms(document, first, second):
    """How long (ms) apps FIRST and SECOND of a stack run deployed at the same time: 0 when one ended before the
    other started; None when the document lacks either's times."""
    apps = {app.get("app"): app for app in document.get("run", {}).get("apps", [])}
    try:
        spans = [(_time(apps[name]["startedAt"]), _time(apps[name]["endedAt"])) for name in (first, second)]
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
    shared = min(end for _, end in spans) - max(start for start, _ in spans)
    return max(0.0, shared.total_seconds() * 1000)


def app_ms(document, name):
    """How long (ms) app NAME of a stack run took, startedAt to endedAt; None without both."""
    for app in document.get("run", {}).get("apps", []):
        if app.get("app") == name:
            try:
                return (_time(app["endedAt"]) - _time(app["startedAt"])).total_seconds() * 1000
            except (KeyError, TypeError, ValueError, AttributeError):
                return None
    return None


def run_ms(document):
    """The run's own length (ms) as the daemon recorded it (startedAt to endedAt); None without both."""
    run = document.get("run", {})
    try:
        return (_time(run["endedAt"]) - _time(run["startedAt"])).total_seconds() * 1000
    except (KeyError, TypeError, ValueError, AttributeError):
        return None


def _stack_table(results, settings):
    lines = [
        f"**A diamond stack of 4 apps** (a; b and c depend on a; d on b and c) of the test app, "
        f"`orch deploy --stack` against the same 4 apps deployed one by one with `orch deploy`, interleaved, "
        f"{_count(settings.stack_rounds, 'round')}, medians. With b and c side by side a run takes 3 deploys' time, not 4: "
        f"0.75x, were a stack's deploy to cost what a plain one does.",
        "",
        "| Each app listens after | `orch deploy --stack` | the run in the daemon | 4 × `orch deploy`, summed "
        "| stack / one by one | b and c overlapped |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for listen_ms in settings.stack_listen_ms:
        lines.append(_stack_row(results, listen_ms))
    notes = [note for note in (_stack_note(results, listen_ms) for listen_ms in settings.stack_listen_ms) if note]
    if notes:
        lines += ["", "Each app's deploy inside the stack runs (its `startedAt` to `endedAt`, medians): " + "; ".join(notes)
                  + ". The CLI polls the run every 250 ms, so it returns after the run ends."]
    return lines


def _stack_documents(results, listen_ms):
    """{round: its `orch deploy --stack --json` document}, in round order."""
    found = {}
    for path in results.glob(f"stack-{listen_ms}-*.json"):
        number = path.stem.rsplit("-", 1)[1]
        if number.isdigit():
            found[int(number)] = _json(path)
    return dict(sorted(found.items()))


def _stack_note(results, listen_ms):
    by_round = _stack_documents(results, listen_ms)
    documents = list(by_round.values())
    apps = {}
    for name in "abcd":
        lengths = [ms for ms in (app_ms(d, f"l{listen_ms}-{name}") for d in documents) if ms is not None]
        if not lengths:
            return None
        apps[name] = statistics.median(lengths)
    stack, _ = read_samples(results, f"stack-{listen_ms}-wall")
    lags = [stack[number - 1] - run_ms(document) for number, document in by_round.items()
            if number <= len(stack) and stack[number - 1] is not None and run_ms(document) is not None]
    label = f"{listen_ms} ms" if listen_ms else "at once"
    lag = f", the CLI {_ms(statistics.median(lags))} after the run" if lags else ""
    return (f"{label}: a alone {_ms(apps['a'])}, b and c side by side {_ms(apps['b'])} and {_ms(apps['c'])}, "
            f"d {_ms(apps['d'])}{lag}")


def _stack_row(results, listen_ms):
    label = f"{listen_ms} ms" if listen_ms else "at once"
    problem = read_problem(results / f"stack-{listen_ms}.error")
    if problem:
        return f"| {label} | n/a: {problem} | | | | |"
    stack, stack_problem = read_samples(results, f"stack-{listen_ms}-wall")
    plain, plain_problem = read_samples(results, f"plain-{listen_ms}-wall")
    documents = list(_stack_documents(results, listen_ms).values())
    runs = [ms for ms in map(run_ms, documents) if ms is not None]
    overlaps = [ms for ms in (overlap_ms(d, f"l{listen_ms}-b", f"l{listen_ms}-c") for d in documents) if ms is not None]
    stack_median, stack_cell = _median_cell(stack, stack_problem)
    plain_median, plain_cell = _median_cell(plain, plain_problem)
    ratio = f"{stack_median / plain_median:.2f}x" if stack_median and plain_median else "n/a"
    if not overlaps:
        overlapped = "n/a (no app times)"
    else:
        together = sum(1 for ms in overlaps if ms > 0)
        overlapped = f"{'yes' if together == len(overlaps) else '**no**' if together == 0 else '**partly**'}: " \
                     f"{together} of {len(overlaps)} runs, by {_ms(statistics.median(overlaps))} (median)"
    return f"| {label} | {stack_cell} | {_ms(statistics.median(runs)) if runs else 'n/a'} | {plain_cell} | {ratio} | {overlapped} |"


# --- hooks --------------------------------------------------------------------------------------------------------

def _hooks_table(results, settings):
    lines = [
        f"**Release hooks**: `orch deploy` of the test app with `[hooks] pre_switch = \"exec:true\"` and "
        f"`post_switch = \"exec:true\"` against the same app without hooks, interleaved, "
        f"{_count(settings.hook_rounds, 'deploy')} each.",
        "",
        "| App | Deploy, median | p90 | vs without hooks (median) | p90 vs without | healthy to done, median |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    problem = read_problem(results / "hooks.error")
    if problem:
        return lines + [f"| both | n/a: {problem} | | | | |"]
    without, without_problem = read_samples(results, "hooks-without")
    base = _figures(without)
    for label, name in (("without hooks", "hooks-without"), ("pre_switch + post_switch `exec:true`", "hooks-with")):
        samples, problem = read_samples(results, name)
        if problem:
            lines.append(f"| {label} | n/a: {problem} | | | | |")
            continue
        figures = _figures(samples)
        if figures is None:
            lines.append(f"| {label} | n/a: every deploy failed | | | | |")
            continue
        median, p90, failed = figures
        note = f" ({failed} failed)" if failed else ""
        vs = _ratio_and_difference(median, base[0]) if base and not without_problem else "n/a"
        vs90 = f"{p90 / base[1]:.2f}x" if base and not without_problem else "n/a"
        switched = [ms for ms in (after_healthy_ms(p.read_text()) for p in results.glob(f"{name}-*.progress")) if ms is not None]
        after = _ms(statistics.median(switched)) if switched else "n/a"
        lines.append(f"| {label} | {_ms(median)}{note} | {_ms(p90)} | {vs} | {vs90} | {after} |")
    return lines + _hooks_note(results)


def progress_times(progress):
    """[(ms, text)] of the timed lines of one `orch deploy`'s output (`[    273 ms] healthy: GET ...`)."""
    times = []
    for line in progress.splitlines():
        stamp, separator, text = line.partition(" ms] ")
        if separator and stamp.startswith("["):
            try:
                times.append((float(stamp[1:]), text))
            except ValueError:
                continue
    return times


def hook_ms(progress):
    """(pre_switch ms, post_switch ms) of one deploy's progress: from a hook's `running` line to the next line (its
    `exited`, or the final line, which reports post_switch's end); None for a hook that is not there."""
    times = progress_times(progress)
    found = {}
    for (at, text), following in zip(times, times[1:]):
        for hook in ("pre_switch", "post_switch"):
            if text.startswith(f"{hook}: running"):
                found[hook] = following[0] - at
    return found.get("pre_switch"), found.get("post_switch")


def after_healthy_ms(progress):
    """ms from the deploy's `healthy:` line to its last line: the switch, with the hooks when there are any, without
    the app's start (the noisiest part of a deploy); None when it never got healthy."""
    times = progress_times(progress)
    healthy = next((at for at, text in times if text.startswith("healthy:")), None)
    return times[-1][0] - healthy if healthy is not None else None


def _hooks_note(results):
    runs = [hook_ms(path.read_text()) for path in results.glob("hooks-with-*.progress")]
    pre = [p for p, _ in runs if p is not None]
    post = [p for _, p in runs if p is not None]
    if not pre and not post:
        return []
    return ["", f"*Healthy to done* is from the deploy's `healthy:` progress line to its last (the switch, and the "
                f"hooks), without the app's start. The hooks themselves, from `running` to `exited` (medians of "
                f"{len(runs)}): pre_switch {_ms(statistics.median(pre)) if pre else 'n/a'}, post_switch "
                f"{_ms(statistics.median(post)) if post else 'n/a'}."]


def _figures(samples):
    """(median, p90, failed count) of samples with None for a failed run; None when none succeeded."""
    good = [s for s in samples if s is not None]
    if not good:
        return None
    return statistics.median(good), percentile(good, 0.9), len(samples) - len(good)


def _ratio_and_difference(value, base):
    return f"{value / base:.2f}x ({value - base:+.0f} ms)"


# --- canary -------------------------------------------------------------------------------------------------------

def _canary_table(results, settings):
    lines = [
        f"**Canary split**: `orch deploy --canary {settings.canary_percent}%` of the test app under load from "
        f"{settings.canary_clients} distinct clients (each with its own cookie jar) on {settings.canary_connections} "
        f"keep-alive connections, {settings.canary_seconds} s before the canary deploy and {settings.canary_seconds} s "
        f"once it returned, per round; `orch rollback` after each. Latency through the router, per request.",
        "",
        "| Round | Answers before / during | From the canary | Clients that saw both sides | Failed "
        "| p99 before | p99 during | p99 during / before |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    problem = read_problem(results / "canary.error")
    if problem:
        return lines + [f"| all | n/a: {problem} | | | | | | |"]
    rounds = [line.split() for line in _lines(results / "canary-rounds.txt")]
    if not rounds:
        return lines + ["| all | n/a: no round ran | | | | | | |"]
    totals = {"canary": 0, "answers": 0, "both": 0, "clients": 0, "failed": 0}
    ratios = []
    for number, _, canary_revision, _ in rounds:
        before = _json_or_none(results / f"canary-{number}-before.json")
        during = _json_or_none(results / f"canary-{number}-during.json")
        if before is None or during is None:
            lines.append(f"| {number} | n/a: the load of this round left no summary | | | | | | |")
            continue
        from_canary = during["byRevision"].get(canary_revision, 0)
        answers = sum(during["byRevision"].values())
        failed = before["failed"] + during["failed"]
        p99_before, p99_during = before["latencyMs"]["p99"], during["latencyMs"]["p99"]
        ratio = p99_during / p99_before if p99_before and p99_during else None
        if ratio is not None:
            ratios.append(ratio)
        totals["canary"] += from_canary
        totals["answers"] += answers
        totals["both"] += during["clientsBothSides"]
        totals["clients"] += during["clients"]
        totals["failed"] += failed
        lines.append(
            f"| {number} | {before['ok']:,} / {during['ok']:,} | {_share(from_canary, answers)} "
            f"| {during['clientsBothSides']} of {during['clients']} | {failed} | {_ms(p99_before)} | {_ms(p99_during)} "
            f"| {f'{ratio:.2f}x' if ratio is not None else 'n/a'} |")
    if totals["answers"]:
        share = 100 * totals["canary"] / totals["answers"]
        met = abs(share - settings.canary_percent) <= CANARY_TOLERANCE and totals["failed"] == 0
        both_met = totals["both"] == 0
        lines.append(
            f"| all | | **{share:.1f}%** (target {settings.canary_percent}% ± {CANARY_TOLERANCE:.0f}: "
            f"{'met' if met else '**not met**'}) | **{totals['both']}** of {totals['clients']} (target 0: "
            f"{'met' if both_met else '**not met**'}) | {totals['failed']} | | | "
            f"{f'{statistics.median(ratios):.2f}x (median)' if ratios else 'n/a'} |")
    return lines


def _share(part, whole):
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


# --- helpers ------------------------------------------------------------------------------------------------------

def _median_cell(samples, problem):
    if problem:
        return None, f"n/a: {problem}"
    good = [s for s in samples if s is not None]
    if not good:
        return None, "n/a: every run failed"
    failed = len(samples) - len(good)
    median = statistics.median(good)
    return median, _ms(median) + (f" ({failed} of {len(samples)} failed)" if failed else "")


def _count(n, noun):
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _ms(value):
    if value is None:
        return "n/a"
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def _time(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _lines(path):
    return [line for line in path.read_text().splitlines() if line.strip()] if path.exists() else []


def _json(path):
    with open(path) as source:
        return json.load(source)


def _json_or_none(path):
    try:
        return _json(path)
    except (OSError, ValueError):
        return None


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("--started", required=True, help="when the run started, for the caption")
    parser.add_argument("--stack-rounds", type=int, required=True)
    parser.add_argument("--stack-listen-ms", type=int, nargs="+", required=True)
    parser.add_argument("--hook-rounds", type=int, required=True)
    parser.add_argument("--canary-percent", type=int, required=True)
    parser.add_argument("--canary-clients", type=int, required=True)
    parser.add_argument("--canary-connections", type=int, required=True)
    parser.add_argument("--canary-seconds", type=int, required=True)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
