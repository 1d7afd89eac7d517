"""The issue's targets, each with what this run measured and whether it is met: rows of the Targets table.

`evaluate(measured)` takes report.Measured. A target whose inputs are missing reads `n/a` / `not measured`; one
measured with failed requests or failed deploys is never met.
"""
import statistics

from rounds import RoundsSummary

REQUESTS_VS_NGINX, REQUESTS_FLOOR = 1.0, 0.9
P99_VS_NGINX, P99_CEILING = 1.0, 1.5
DEPLOY_OVERHEAD_MS = 100.0
DURING_DEPLOYS_VS_STEADY = 1.5
ROUTER_RSS_MB = 50.0
DAEMON_RSS_MB = 80.0
ROLLBRIDGE_RSS_MB = 94.0
STATUS_MS = 15.0
VERSION_MS = 10.0

NOT_MEASURED = ("n/a", "not measured")


def evaluate(measured):
    rows = [
        ("Router req/s vs nginx", f">= {REQUESTS_VS_NGINX:.2f}x (floor {REQUESTS_FLOOR:.2f}x)", _requests(measured)),
        ("Router p99 vs nginx", f"<= {P99_VS_NGINX:.2f}x (floor {P99_CEILING:.2f}x)", _p99(measured)),
        ("Deploy overhead", f"< {DEPLOY_OVERHEAD_MS:.0f} ms", _overhead(measured)),
        ("Router p99 during deploys vs steady", f"<= {DURING_DEPLOYS_VS_STEADY:.1f}x, 0 failed requests",
         _during(measured)),
        ("Router RSS under load", f"< {ROUTER_RSS_MB:.0f} MB", _rss(measured, "router_kb", ROUTER_RSS_MB)),
        ("Daemon RSS under load (issue: with 10 apps; here 1)", f"< {DAEMON_RSS_MB:.0f} MB",
         _rss(measured, "daemon_kb", DAEMON_RSS_MB)),
        ("Router + daemon RSS under load", f"< rollbridge's {ROLLBRIDGE_RSS_MB:.0f} MB",
         _rss(measured, "together_kb", ROLLBRIDGE_RSS_MB)),
        ("`orch status` (median)", f"< {STATUS_MS:.0f} ms", _cli(measured, "status", STATUS_MS)),
        ("`orch --version` (median)", f"< {VERSION_MS:.0f} ms", _cli(measured, "version", VERSION_MS)),
    ]
    return [f"| {name} | {goal} | {value} | {verdict} |" for name, goal, (value, verdict) in rows]


def verdict(met):
    return "met" if met else "**not met**"


def floored_verdict(met, floor_met):
    if met:
        return "met"
    return "**not met** (floor met)" if floor_met else "**not met** (floor not met)"


def _router_and_nginx(measured):
    router, nginx = measured.proxies["router"], measured.proxies["nginx"]
    if isinstance(router, RoundsSummary) and isinstance(nginx, RoundsSummary):
        return router, nginx
    return None, None


def _requests(measured):
    router, nginx = _router_and_nginx(measured)
    if router is None:
        return NOT_MEASURED
    ratio = router.requests_per_second / nginx.requests_per_second
    clean = router.errors == 0
    return f"{ratio:.2f}x", floored_verdict(clean and ratio >= REQUESTS_VS_NGINX, clean and ratio >= REQUESTS_FLOOR)


def _p99(measured):
    router, nginx = _router_and_nginx(measured)
    if router is None:
        return NOT_MEASURED
    ratio = router.p99_ms / nginx.p99_ms
    clean = router.errors == 0
    return f"{ratio:.2f}x", floored_verdict(clean and ratio <= P99_VS_NGINX, clean and ratio <= P99_CEILING)


def _overhead(measured):
    overhead = measured.overhead_ms("orch")
    if overhead is None:
        return NOT_MEASURED
    deploys, _ = measured.deploys["orch"]
    failed = sum(1 for d in deploys if d is None)
    value = f"{overhead:.0f} ms" + (f" ({failed} deploys failed)" if failed else "")
    return value, verdict(overhead < DEPLOY_OVERHEAD_MS and failed == 0)


def _during(measured):
    steady, during = measured.proxies["router"], measured.during
    if not isinstance(steady, RoundsSummary) or isinstance(during, str):
        return NOT_MEASURED
    deploys, problem = measured.deploys_under_load
    failed_deploys = len(deploys) if problem is not None else sum(1 for d in deploys if d is None)
    ratio = during.p99_ms / steady.p99_ms
    value = f"{ratio:.2f}x, {during.errors} failed" + (f", {failed_deploys} deploys failed" if failed_deploys else "")
    return value, verdict(ratio <= DURING_DEPLOYS_VS_STEADY and during.errors == 0 and failed_deploys == 0 and bool(deploys))


def _rss(measured, field, limit_mb):
    if isinstance(measured.rss, str) or not measured.rss.get("load"):
        return NOT_MEASURED
    # The memory targets hold under the load: the highest of the samples taken during the router's rounds.
    highest_kb = max(getattr(sample, field) for sample in measured.rss["load"])
    inside = field == "router_kb" and all(s.where == "daemon" for s in measured.rss["load"])
    mb = highest_kb / 1024
    return f"{mb:.1f} MB" + (" (inside the daemon)" if inside else ""), verdict(mb < limit_mb)


def _cli(measured, command, limit_ms):
    samples, problem = measured.cli[(command, "orch")]
    succeeded = [s for s in samples if s is not None]
    if problem is not None or not succeeded:
        return NOT_MEASURED
    median = statistics.median(succeeded)
    return f"{median:.1f} ms", verdict(median < limit_ms)
