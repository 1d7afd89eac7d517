"""Reading what run.sh leaves in its results directory: a part's samples (`NAME.txt`, one number a line, `fail`
for a run that failed) or the reason it has none (`NAME.error`)."""
import math
from pathlib import Path


def read_problem(path):
    """The reason in an `.error` file, made safe for a table cell, or None when there is no such file."""
    path = Path(path)
    if not path.exists():
        return None
    return path.read_text().strip().replace("|", "/").replace("\n", " ") or "failed"


def read_samples(results, name):
    """(samples in ms with None for a failed run, None) or ([], the reason there are none)."""
    results = Path(results)
    problem = read_problem(results / f"{name}.error")
    if problem is not None:
        return [], problem
    path = results / f"{name}.txt"
    if not path.exists():
        return [], "not run"
    return [None if word == "fail" else float(word) for word in path.read_text().split()], None


def percentile(values, fraction):
    """Nearest-rank percentile of VALUES (fraction 0-1: 0.9 for p90); None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(round(len(ordered) * fraction, 9)))  # round: 90 * 0.7 is 62.99999999999999
    return ordered[rank - 1]
