"""Reads the text `wrk --latency` prints into numbers: requests/s, p50, p99 and errors."""
import re
from dataclasses import dataclass

# wrk prints durations with the unit it finds readable: 812.00us, 1.23ms, 2.01s, 1.50m.
_UNIT_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}
_DURATION = r"([0-9.]+)(us|ms|s|m|h)"


@dataclass(frozen=True)
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    # Socket errors plus non-2xx/3xx answers: a proxy that answers 502 fast must not look fast.
    errors: int


class WrkParseError(ValueError):
    pass


def duration_ms(text):
    match = re.fullmatch(_DURATION, text.strip())
    if not match:
        raise WrkParseError(f"not a wrk duration: {text!r}")
    return float(match.group(1)) * _UNIT_MS[match.group(2)]


def parse(text):
    rps = _search(r"^Requests/sec:\s+([0-9.]+)", text, "Requests/sec")
    p50 = _search(r"^\s*50%\s+(\S+)", text, "the 50% latency (was --latency given?)")
    p99 = _search(r"^\s*99%\s+(\S+)", text, "the 99% latency (was --latency given?)")
    requests = _search(r"^\s*(\d+) requests in ", text, "the request count")
    errors = 0
    socket = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    if socket:
        errors += sum(int(n) for n in socket.groups())
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
    if non_2xx:
        errors += int(non_2xx.group(1))
    return WrkResult(float(rps), duration_ms(p50), duration_ms(p99), int(requests), errors)


def _search(pattern, text, what):
    match = re.search(pattern, text, re.MULTILINE)
    if not match:
        raise WrkParseError(f"wrk output has no {what}")
    return match.group(1)
