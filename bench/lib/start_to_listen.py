"""Measures how long an app takes from spawn to accepting a TCP connection.

`start_to_listen.py COUNT -- COMMAND...` runs COMMAND COUNT times, each time with a fresh free port appended as its
last argument, connects to 127.0.0.1:PORT every millisecond until accepted, prints the time in ms (one line per run)
and stops the process before the next run.
"""
import os
import signal
import socket
import subprocess
import sys
import time

from ports import any_port

POLL_SECONDS = 0.001
LISTEN_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 5.0


def measure(command):
    port = any_port()
    started = time.perf_counter()
    process = subprocess.Popen(command + [str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    try:
        deadline = started + LISTEN_TIMEOUT_SECONDS
        while not _accepts(port):
            if process.poll() is not None:
                raise SystemExit(f"{' '.join(command)} exited with {process.returncode} before listening")
            if time.perf_counter() > deadline:
                raise SystemExit(f"{' '.join(command)} did not listen on {port} within {LISTEN_TIMEOUT_SECONDS}s")
            time.sleep(POLL_SECONDS)
        return (time.perf_counter() - started) * 1000
    finally:
        _stop(process)


def _accepts(port):
    with socket.socket() as probe:
        try:
            probe.connect(("127.0.0.1", port))
            return True
        except ConnectionRefusedError:
            return False


def _stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(STOP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


if __name__ == "__main__":
    if len(sys.argv) < 4 or sys.argv[2] != "--":
        raise SystemExit(__doc__)
    for _ in range(int(sys.argv[1])):
        print(f"{measure(sys.argv[3:]):.2f}", flush=True)
