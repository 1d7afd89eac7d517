#!/usr/bin/env python3
"""Where the router's p99 during deploys comes from: `bench/deploy-p99/run.py > deploy-p99.md`.

One run, rounds interleaved, every request timed (latency_client.c), deploy phases from `orch --json deploy`:
steady; the example app started and killed beside the load with no deploy; back-to-back deploys of the example
(node); back-to-back deploys of tiny_http.c (connection set-up in microseconds); steady on tiny_http; then, without
orch, a fresh example app hit by a burst of new connections vs connections opened before the burst.
Knobs (environment): BENCH_ROUNDS (3), BENCH_DEPLOYS (10), BENCH_SECONDS (6, each steady part),
BENCH_CONNECTIONS (50), BENCH_SLOW_MS (150), BENCH_LOCK (a file to flock while measuring), BENCH_KEEP (1 keeps the temp dir).
"""
import datetime
import fcntl
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(REPO, "bench", "lib"))
import orch_toml  # noqa: E402
import ports  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
DEPLOYS = int(os.environ.get("BENCH_DEPLOYS", "10"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "6"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "50"))
SLOW_MS = float(os.environ.get("BENCH_SLOW_MS", "150"))
APP_DIR = os.path.join(REPO, "examples", "hello")


def log(message):
    print(f"[deploy-p99 {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


free_port = ports.any_port


def wait_port(port, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 0.2).close()
            return True
        except OSError:
            time.sleep(0.002)
    return False


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


class Load:
    """latency_client on the router; rows are (start s, latency ms, status)."""

    def __init__(self, tmp, port, label, env=None):
        self.path = os.path.join(tmp, f"{label}-{time.time_ns()}.lat")
        self.process = subprocess.Popen([os.path.join(tmp, "latency_client"), "127.0.0.1", str(port), str(CONNECTIONS), "3600", self.path],
                                        stderr=subprocess.DEVNULL, env=env)

    def stop(self):
        self.process.send_signal(signal.SIGINT)
        self.process.wait(30)
        with open(self.path) as f:
            return [(int(a) / 1e6, int(b) / 1e3, int(c)) for a, b, c, *_ in (line.split() for line in f)]


class Daemon:
    def __init__(self, tmp):
        self.tmp = tmp
        self.orch = os.path.join(REPO, ".orch", "bin", "orch")
        self.env = dict(os.environ, ORCH_STATE_DIR=f"{tmp}/state", ORCH_CONTROL=f"{tmp}/orch.sock")
        self.log = open(f"{tmp}/daemon.log", "w")
        self.process = subprocess.Popen([self.orch, "daemon"], env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.time() + 180
        while subprocess.run(["curl", "-fsS", "--max-time", "2", "--unix-socket", f"{tmp}/orch.sock", "-o", "/dev/null",
                              "http://localhost/v1/health"], capture_output=True).returncode != 0:
            if time.time() > deadline or self.process.poll() is not None:
                raise SystemExit(f"the daemon did not answer /v1/health: see {tmp}/daemon.log")
            time.sleep(0.2)
        self.listen = free_port()
        app_ports = "%d-%d" % ports.free_range(64)
        with open(os.path.join(APP_DIR, "orch.toml")) as f:
            node = orch_toml.rewrite(f.read(), f"127.0.0.1:{self.listen}", app_ports)
        tiny = node.replace('command = "node app.js {{port}}"', f'command = "{tmp}/tiny_http {{{{port}}}}"')
        if tiny == node:
            raise SystemExit("examples/hello/orch.toml no longer runs `node app.js {{port}}`: update bench/deploy-p99/run.py")
        for kind, text in (("node", node), ("tiny", tiny)):
            with open(f"{tmp}/{kind}.toml", "w") as f:
                f.write(text)
        self.count = 0

    def deploy(self, kind):
        self.count += 1
        result = subprocess.run([self.orch, "--json", "deploy", "--config", f"{self.tmp}/{kind}.toml", "--release-path", APP_DIR,
                                 "--revision", f"{kind}-{self.count}"], env=self.env, capture_output=True, text=True, timeout=120)
        switches = []
        for line in result.stdout.splitlines():
            try:
                event = json.loads(line)
            except ValueError:
                continue
            if event.get("phase") == "switching" and event.get("message", "").startswith("switching"):
                switches.append(datetime.datetime.fromisoformat(event["at"]).timestamp())
        if result.returncode != 0:
            log(f"deploy {kind}-{self.count} exited {result.returncode}: {result.stderr.strip()[-200:]}")
        return result.returncode == 0, switches

    def stop(self):
        try:
            router = json.load(open(f"{self.tmp}/state/router.json"))["pid"]
        except (OSError, ValueError, KeyError):
            router = None
        subprocess.run([self.orch, "shutdown"], env=self.env, capture_output=True, timeout=60)
        for pid in [router]:
            deadline = time.time() + 15
            while pid and os.path.exists(f"/proc/{pid}") and time.time() < deadline:
                time.sleep(0.1)
            if pid and os.path.exists(f"/proc/{pid}"):
                os.kill(pid, signal.SIGKILL)
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def summary(rows, switches=()):
    latencies = [r[1] for r in rows]
    span = max(r[0] for r in rows) - min(r[0] for r in rows) if rows else 1
    after = [r for r in rows if any(0 <= r[0] - s < 0.1 for s in switches)]
    return {
        "rps": len(rows) / max(span, 1e-3), "p50": percentile(latencies, 0.5), "p99": percentile(latencies, 0.99),
        "failed": sum(1 for r in rows if not 200 <= r[2] <= 299), "slow": sum(1 for x in latencies if x > SLOW_MS),
        "after": len(after), "after_slow": sum(1 for r in after if r[1] > SLOW_MS),
    }


def start_app(port, cmd):
    return subprocess.Popen(cmd + [str(port)], cwd=APP_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def measure(daemon, tmp):
    parts = {}

    def record(name, rows, switches=(), failed_deploys=0):
        s = summary(rows, switches)
        s["failed_deploys"] = failed_deploys
        parts.setdefault(name, []).append(s)
        log(f"{name}: p99 {s['p99']:.1f} ms, {s['slow']} requests over {SLOW_MS:.0f} ms, {s['failed']} failed")

    def steady(name):
        load = Load(tmp, daemon.listen, "steady")
        time.sleep(SECONDS)
        record(name, load.stop())

    def deploys(name, kind):
        load = Load(tmp, daemon.listen, kind)
        time.sleep(0.5)
        results = [daemon.deploy(kind) for _ in range(DEPLOYS)]
        record(name, load.stop(), [s for _, ss in results for s in ss], sum(1 for ok, _ in results if not ok))

    def beside(name):
        load = Load(tmp, daemon.listen, "beside")
        time.sleep(0.5)
        for _ in range(DEPLOYS):
            port = free_port()
            app = start_app(port, ["node", "app.js"])
            wait_port(port)
            subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/ping"])
            time.sleep(0.15)
            app.terminate()
            app.wait()
        record(name, load.stop())

    steady("warm-up")
    parts.clear()
    for round_ in range(ROUNDS):
        log(f"round {round_ + 1} of {ROUNDS}")
        steady("steady, the example (node) serving")
        beside(f"the example started and killed beside, {DEPLOYS}x, no deploy")
        deploys(f"{DEPLOYS} back-to-back deploys of the example (node)", "node")
        deploys(f"{DEPLOYS} back-to-back deploys of tiny_http (C)", "tiny")
        steady("steady, tiny_http serving")
        daemon.deploy("node")
    return parts


def burst(tmp):
    """A fresh example app: CONNECTIONS new connections each sending a request at once, vs opened 200 ms before."""
    out = {"new connections, first request at once": [], "connections opened 200 ms before the first request": []}
    for _ in range(ROUNDS * 2):
        for name in out:
            port = free_port()
            app = start_app(port, ["node", "app.js"])
            wait_port(port)
            subprocess.run(["curl", "-s", "-o", "/dev/null", f"http://127.0.0.1:{port}/ping"])
            env = dict(os.environ, LAT_PREOPEN_MS="200") if "before" in name else None
            load = Load(tmp, port, "burst", env)
            time.sleep(0.6)
            rows = sorted(load.stop())
            out[name].append((max(r[1] for r in rows[:CONNECTIONS]), percentile([r[1] for r in rows[2 * CONNECTIONS:]], 0.99)))
            app.terminate()
            app.wait()
    return out


def report(parts, bursts):
    steady = statistics.median(s["p99"] for s in parts["steady, the example (node) serving"])
    print(f"# Router p99 during deploys, by cause ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)\n")
    print(f"{os.cpu_count()} cores; latency_client with {CONNECTIONS} keep-alive connections on the router; {ROUNDS} rounds "
          f"interleaved, medians; slow = over {SLOW_MS:.0f} ms; *after a switch* = requests sent in the 100 ms after a "
          "deployment began switching.\n")
    print("| part | req/s | p50 ms | p99 ms | p99 vs steady | slow | slow share after a switch | failed | failed deploys |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, runs in parts.items():
        m = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50", "p99")}
        after = sum(r["after"] for r in runs)
        share = f"{100 * sum(r['after_slow'] for r in runs) / after:.0f}% of {after}" if after else ""
        print(f"| {name} | {m['rps']:,.0f} | {m['p50']:.2f} | {m['p99']:.1f} | {m['p99'] / steady:.1f}x | "
              f"{sum(r['slow'] for r in runs)} | {share} | {sum(r['failed'] for r in runs)} | {sum(r['failed_deploys'] for r in runs)} |")
    print(f"\nA fresh example app (node, no orch), {CONNECTIONS} connections; medians of {ROUNDS * 2}:\n")
    print("| connections | slowest of the first requests, ms | p99 after, ms |")
    print("|---|---:|---:|")
    for name, runs in bursts.items():
        print(f"| {name} | {statistics.median(r[0] for r in runs):.1f} | {statistics.median(r[1] for r in runs):.1f} |")


def main():
    tmp = tempfile.mkdtemp(prefix="deploy-p99-")
    log(f"temp dir {tmp}")
    for tool in ("latency_client", "tiny_http"):
        subprocess.run(["cc", "-O2", "-o", f"{tmp}/{tool}", f"{HERE}/{tool}.c"], check=True)
    subprocess.run([os.path.join(REPO, "orch"), "--help"], check=True, capture_output=True, timeout=900)
    daemon = Daemon(tmp)
    ok = False
    try:
        if not daemon.deploy("node")[0] or not wait_port(daemon.listen):
            raise SystemExit(f"the first deploy failed: see {tmp}")
        lock = open(os.environ["BENCH_LOCK"], "a") if os.environ.get("BENCH_LOCK") else None
        if lock:
            log(f"waiting for {lock.name}")
            fcntl.flock(lock, fcntl.LOCK_EX)
        parts = measure(daemon, tmp)
        daemon.stop()
        bursts = burst(tmp)
        if lock:
            lock.close()
        report(parts, bursts)
        ok = True
    finally:
        daemon.stop()
        if ok and os.environ.get("BENCH_KEEP") != "1":
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            log(f"kept {tmp}")


if __name__ == "__main__":
    main()
