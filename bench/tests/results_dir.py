"""A results directory as run.sh leaves it, written by the tests of the tables."""
import shutil
import tempfile
from pathlib import Path

from report import Settings

SETTINGS = Settings(seconds=10, threads=2, connections=50, rounds=5, deploys=10, cli_runs=20,
                    cli_timer="hyperfine -N", orch_label="`./orch` (NativeAOT)", jit_label="JIT build")


class ResultsDir:
    def __init__(self, test):
        self.path = Path(tempfile.mkdtemp(prefix="bench-results-"))
        test.addCleanup(shutil.rmtree, self.path)

    def write(self, name, text):
        (self.path / name).write_text(text)

    def wrk(self, name, rps, p50, p99, errors=0):
        errors_line = f"  Non-2xx or 3xx responses: {errors}\n" if errors else ""
        self.write(f"{name}.txt", f"  Latency Distribution\n     50%  {p50}\n     99%  {p99}\n"
                                  f"  1000 requests in 10.00s, 1.00MB read\n{errors_line}Requests/sec: {rps}\n")

    def rounds(self, target, *rounds):
        for number, (rps, p50, p99) in enumerate(rounds, start=1):
            self.wrk(f"wrk-{target}-{number}", rps, p50, p99)

    def lines(self, name, *values):
        self.write(f"{name}.txt", "".join(f"{v}\n" for v in values))

    def rss(self, *samples):
        self.write("rss.txt", "".join("|".join(str(f) for f in sample) + "\n" for sample in samples))


def row(text, label):
    """The table row whose first cell starts with LABEL."""
    return next(line for line in text.splitlines() if line.startswith(f"| {label}"))
