"""Prints the benchmark's Markdown tables from the files run.sh left in a results directory.

Layout of the directory (each part writes either its data or a `.error` file with the reason it has none):
  wrk-direct.txt, wrk-router.txt, wrk-nginx.txt,
  wrk-yarp.txt                                    raw `wrk --latency` output
  deploy-ms.txt                                   one wall time per `orch deploy`, in ms, or `fail`
  start-ms.txt                                    one app start-to-listening time per line, in ms
"""
import argparse
import statistics
import sys
from pathlib import Path

from wrk_output import WrkParseError, parse

TARGETS = [
    ("direct", "direct (node app)"),
    ("router", "router (orch)"),
    ("nginx", "nginx proxy_pass"),
    ("yarp", "YARP alone (reference)"),
]
OVERHEAD_TARGET_MS = 150.0


def main(argv=None):
    args = _arguments(argv)
    results = Path(args.results)
    print(render(results, args.seconds, args.threads, args.connections))
    return 0


def render(results, seconds, threads, connections):
    lines = [f"## Proxy throughput and latency (wrk -t{threads} -c{connections} -d{seconds}s --latency, keep-alive, 127.0.0.1)", ""]
    measured = {name: _wrk(results, name) for name, _ in TARGETS}
    lines += _proxy_table(measured)
    lines += [""] + _router_vs_nginx(measured)
    lines += ["", "## Deploy overhead", ""] + _deploy_table(results)
    return "\n".join(lines)


def _proxy_table(measured):
    direct = measured["direct"]
    rows = [
        "| Target | Requests/s | p50 | p99 | Errors | Req/s vs direct | p50 vs direct | p99 vs direct |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, label in TARGETS:
        result = measured[name]
        if isinstance(result, str):
            rows.append(f"| {label} | n/a: {result} | | | | | | |")
            continue
        base = direct if not isinstance(direct, str) else None
        rows.append(
            f"| {label} | {result.requests_per_second:,.0f} | {_ms(result.p50_ms)} | {_ms(result.p99_ms)} | {result.errors} "
            f"| {_ratio(result.requests_per_second, base and base.requests_per_second)} "
            f"| {_ratio(result.p50_ms, base and base.p50_ms)} | {_ratio(result.p99_ms, base and base.p99_ms)} |"
        )
    return rows


def _router_vs_nginx(measured):
    router, nginx = measured["router"], measured["nginx"]
    rows = ["| Router vs nginx | Ratio | Target | Verdict |", "|---|---:|---|---|"]
    if isinstance(router, str) or isinstance(nginx, str):
        return rows + ["| Requests/s | n/a | >= 1.00x | not measured |", "| p99 | n/a | <= 1.00x | not measured |"]
    throughput = router.requests_per_second / nginx.requests_per_second
    p99 = router.p99_ms / nginx.p99_ms
    errors = router.errors > 0
    return rows + [
        f"| Requests/s | {throughput:.2f}x | >= 1.00x | {_verdict(throughput >= 1.0 and not errors)} |",
        f"| p99 | {p99:.2f}x | <= 1.00x | {_verdict(p99 <= 1.0 and not errors)} |",
    ]


def _deploy_table(results):
    deploys, deploy_problem = _samples(results, "deploy-ms")
    starts, start_problem = _samples(results, "start-ms")
    succeeded = [d for d in deploys if d is not None]
    failed = len(deploys) - len(succeeded)
    rows = ["| Measure | Median | Min | Max | Samples |", "|---|---:|---:|---:|---:|"]
    rows.append(_sample_row("`orch deploy` wall time", succeeded, deploy_problem, failed))
    rows.append(_sample_row("app start-to-listening", starts, start_problem, 0))
    if succeeded and starts:
        overhead = statistics.median(succeeded) - statistics.median(starts)
        met = overhead < OVERHEAD_TARGET_MS and failed == 0
        rows += ["", f"**Deploy overhead** = median(deploy) - median(start-to-listen) = **{_ms(overhead)}** "
                     f"(target < {OVERHEAD_TARGET_MS:.0f} ms: {_verdict(met)})"]
    else:
        rows += ["", "**Deploy overhead**: not measured"]
    return rows


def _sample_row(label, samples, problem, failed):
    if problem is not None:
        return f"| {label} | n/a: {problem} | | | |"
    if not samples:
        return f"| {label} | n/a: every run failed | | | {failed} failed |"
    count = f"{len(samples)}" + (f" ({failed} failed)" if failed else "")
    return f"| {label} | {_ms(statistics.median(samples))} | {_ms(min(samples))} | {_ms(max(samples))} | {count} |"


def _wrk(results, name):
    problem = _problem(results, f"wrk-{name}")
    if problem is not None:
        return problem
    path = results / f"wrk-{name}.txt"
    if not path.exists():
        return "not run"
    try:
        return parse(path.read_text())
    except WrkParseError as error:
        return str(error)


def _samples(results, name):
    """The samples in ms (None for a failed run), or the reason there are none."""
    problem = _problem(results, name)
    if problem is not None:
        return [], problem
    path = results / f"{name}.txt"
    if not path.exists():
        return [], "not run"
    samples = []
    for line in path.read_text().split():
        samples.append(None if line == "fail" else float(line))
    return samples, None


def _problem(results, name):
    path = results / f"{name}.error"
    if not path.exists():
        return None
    return path.read_text().strip().replace("|", "/").replace("\n", " ") or "failed"


def _ms(value):
    if abs(value) < 10:
        return f"{value:.2f} ms"
    if abs(value) < 100:
        return f"{value:.1f} ms"
    return f"{value:,.0f} ms"


def _ratio(value, base):
    return f"{value / base:.2f}x" if base else "n/a"


def _verdict(met):
    return "met" if met else "**missed**"


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results")
    parser.add_argument("--seconds", type=int, required=True)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--connections", type=int, required=True)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
