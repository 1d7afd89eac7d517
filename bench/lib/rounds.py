"""Medians of one target's interleaved wrk rounds.

run.sh writes round R of target NAME to `wrk-NAME-R.txt` (raw `wrk --latency` output), a round that failed to
`wrk-NAME-R.error`, and a target that could not run at all to `wrk-NAME.error`, each holding the reason.
"""
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from samples import read_problem
from wrk_output import WrkParseError, parse


@dataclass(frozen=True)
class RoundsSummary:
    """Each figure is the median over the rounds that produced output; errors are summed over them."""
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    rounds: int
    failed_rounds: int


def summarize(results, name):
    """The target's RoundsSummary, or a string saying why there is none."""
    results = Path(results)
    problem = read_problem(results / f"wrk-{name}.error")
    if problem is not None:
        return problem
    measured, failures = [], []
    for number, path in _round_files(results, name):
        if path.suffix == ".error":
            failures.append(f"round {number}: {read_problem(path)}")
            continue
        try:
            measured.append(parse(path.read_text()))
        except WrkParseError as error:
            failures.append(f"round {number}: {error}")
    if not measured:
        return failures[0] if failures else "not run"
    return RoundsSummary(
        requests_per_second=statistics.median(r.requests_per_second for r in measured),
        p50_ms=statistics.median(r.p50_ms for r in measured),
        p99_ms=statistics.median(r.p99_ms for r in measured),
        errors=sum(r.errors for r in measured),
        rounds=len(measured),
        failed_rounds=len(failures),
    )


def _round_files(results, name):
    pattern = re.compile(rf"^wrk-{re.escape(name)}-(\d+)\.(txt|error)$")
    found = {}
    for path in results.iterdir():
        match = pattern.match(path.name)
        if match:
            number = int(match.group(1))
            # A round with both keeps its error: its output is what wrk printed before it failed.
            if number not in found or path.suffix == ".error":
                found[number] = path
    return sorted(found.items())
