"""A small load client for the data-plane benchmark: keep-alive GET clients and SSE streams, counted one by one.

`load.py URL --clients 16 --sse 4 --sse-path '/sse?count=100&interval=100' --sse-count 100 --out result.json`
runs until SIGTERM/SIGINT or --max-seconds, then writes a JSON summary to --out. Once every client has had an
answer and every stream an event it touches --ready (so a script can wait for the load to flow).

What counts (wrk cannot tell these apart across restarts):
- a request is *ok* on a 2xx answer read to its end, and *failed* on any other status, a refused or reset
  connection, a truncated answer, or no answer within --timeout;
- like any HTTP client with a connection pool (browsers, .NET's HttpClient), a request on a reused keep-alive
  connection that the server closed before sending a byte is sent again once on a new connection; that is
  *retried*, not failed. An answer with `Connection: close` closes the connection after it, as asked;
- an SSE stream is *interrupted* when it ends before its --sse-count events (0: it should never end), by a reset,
  a truncated chunk or a non-2xx answer; it is then opened again. A stream that got all its events and ended
  with the final chunk is *completed* and opened again too;
- the *longest gap* is the longest time between two events of one stream; the *longest reopen* the longest
  time from a stream's last event to the first event of the stream opened after it in the same slot.
"""
import argparse
import asyncio
import json
import signal
import sys
import time
from urllib.parse import urlsplit

FAILURE_SAMPLES = 20
RECONNECT_PAUSE = 0.05
STOP_SECONDS = 5


class ProtocolError(Exception):
    pass


class ClosedBeforeAnswer(Exception):
    """The server closed the connection before sending a byte of the answer."""


async def read_head(reader):
    """Reads a status line and headers; returns (status, headers with lower-case names)."""
    try:
        line = await reader.readline()
    except (ConnectionResetError, BrokenPipeError):
        raise ClosedBeforeAnswer() from None
    if not line:
        raise ClosedBeforeAnswer()
    parts = line.decode("latin-1").split(" ", 2)
    if len(parts) < 2 or not parts[0].startswith("HTTP/1.") or not parts[1].isdigit():
        raise ProtocolError(f"bad status line {line[:80]!r}")
    headers = {}
    while True:
        line = await reader.readline()
        if not line.endswith(b"\n"):
            raise ProtocolError("connection closed inside the headers")
        if line in (b"\r\n", b"\n"):
            return int(parts[1]), headers
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()


async def body_chunks(reader, headers):
    """Yields the body's bytes as they arrive (chunked or Content-Length); raises ProtocolError when truncated."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        while True:
            size_line = await reader.readline()
            if not size_line.endswith(b"\n"):
                raise ProtocolError("connection closed before the final chunk")
            try:
                size = int(size_line.split(b";")[0].strip(), 16)
            except ValueError:
                raise ProtocolError(f"bad chunk size {size_line[:40]!r}") from None
            if size == 0:
                while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                    pass  # trailers
                return
            try:
                data = await reader.readexactly(size + 2)
            except asyncio.IncompleteReadError:
                raise ProtocolError("connection closed inside a chunk") from None
            yield data[:-2]
    elif "content-length" in headers:
        try:
            yield await reader.readexactly(int(headers["content-length"]))
        except asyncio.IncompleteReadError:
            raise ProtocolError("connection closed inside the body") from None
    else:
        raise ProtocolError("answer has neither Content-Length nor chunked encoding")


def keeps_alive(headers):
    return "close" not in headers.get("connection", "").lower()


def sse_events(buffer, data):
    """Appends data to buffer (a bytearray) and returns how many complete `data:` lines it now holds, consuming them."""
    buffer.extend(data)
    events = 0
    while (end := buffer.find(b"\n")) >= 0:
        if buffer[:end].startswith(b"data:"):
            events += 1
        del buffer[: end + 1]
    return events


class Stats:
    def __init__(self):
        self.ok = 0
        self.failed = 0
        self.retried = 0
        self.failures = []
        self.sse_opened = 0
        self.sse_completed = 0
        self.sse_interrupted = 0
        self.sse_events = 0
        self.interruptions = []
        self.longest_gap = 0.0
        self.longest_reopen = 0.0
        self.stopping = False

    def fail(self, reason):
        if self.stopping:
            return
        self.failed += 1
        if len(self.failures) < FAILURE_SAMPLES:
            self.failures.append(reason)

    def interrupt(self, reason):
        if self.stopping:
            return
        self.sse_interrupted += 1
        if len(self.interruptions) < FAILURE_SAMPLES:
            self.interruptions.append(reason)


class Target:
    def __init__(self, url):
        parts = urlsplit(url)
        if parts.scheme != "http" or not parts.hostname:
            raise SystemExit(f"load.py: {url} is not an http:// URL")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")

    def request(self, path):
        return f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nUser-Agent: orch-bench\r\n\r\n".encode()

    async def connect(self):
        return await asyncio.open_connection(self.host, self.port)


async def _close(writer):
    if writer is not None:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def get_client(target, stats, timeout, first_answer):
    """One keep-alive connection sending GETs in a loop."""
    reader = writer = None
    reused = False
    while not stats.stopping:
        try:
            if writer is None:
                reader, writer = await asyncio.wait_for(target.connect(), timeout)
                reused = False
            status, headers, body = await asyncio.wait_for(_exchange(target, reader, writer), timeout)
            if 200 <= status < 300:
                stats.ok += 1
                first_answer.set()
            else:
                stats.fail(f"HTTP {status}: {body[:120].decode('utf-8', 'replace')}")
            if keeps_alive(headers):
                reused = True
            else:
                await _close(writer)
                writer = None
        except ClosedBeforeAnswer:
            await _close(writer)
            writer = None
            if reused:
                stats.retried += 1
                continue
            stats.fail("connection closed before an answer")
            await asyncio.sleep(RECONNECT_PAUSE)
        except (OSError, ProtocolError, asyncio.TimeoutError) as error:
            await _close(writer)
            writer = None
            stats.fail(f"{type(error).__name__}: {error}")
            await asyncio.sleep(RECONNECT_PAUSE)


async def _exchange(target, reader, writer):
    try:
        writer.write(target.request(target.path))
        await writer.drain()
    except (ConnectionResetError, BrokenPipeError):
        raise ClosedBeforeAnswer() from None
    status, headers = await read_head(reader)
    body = b"".join([chunk async for chunk in body_chunks(reader, headers)])
    return status, headers, body


async def sse_client(target, path, expected, stats, timeout, first_event):
    """One stream slot: opens the stream, reads its events, opens it again when it ends."""
    slot_last = None  # the last event of this slot, over every stream it opened
    while not stats.stopping:
        writer = None
        received = 0
        stream_last = None
        try:
            reader, writer = await asyncio.wait_for(target.connect(), timeout)
            writer.write(target.request(path))
            await writer.drain()
            status, headers = await asyncio.wait_for(read_head(reader), timeout)
            stats.sse_opened += 1
            if not 200 <= status < 300:
                raise ProtocolError(f"HTTP {status}")
            buffer = bytearray()
            async for chunk in body_chunks(reader, headers):
                if stats.stopping:
                    return
                for _ in range(sse_events(buffer, chunk)):
                    now = time.monotonic()
                    if stream_last is not None:
                        stats.longest_gap = max(stats.longest_gap, now - stream_last)
                    elif slot_last is not None:
                        stats.longest_reopen = max(stats.longest_reopen, now - slot_last)
                    stream_last = slot_last = now
                    received += 1
                    stats.sse_events += 1
                    first_event.set()
            if expected and received >= expected:
                stats.sse_completed += 1
            else:
                stats.interrupt(f"ended cleanly after {received} of {expected or 'endless'} events")
        except (OSError, ProtocolError, ClosedBeforeAnswer, asyncio.TimeoutError) as error:
            stats.interrupt(f"{type(error).__name__}: {error} after {received} events")
            await asyncio.sleep(RECONNECT_PAUSE)
        finally:
            await _close(writer)


async def run(args):
    target = Target(args.url)
    stats = Stats()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    firsts = []
    tasks = []
    for _ in range(args.clients):
        firsts.append(asyncio.Event())
        tasks.append(asyncio.create_task(get_client(target, stats, args.timeout, firsts[-1])))
    for _ in range(args.sse):
        firsts.append(asyncio.Event())
        tasks.append(asyncio.create_task(sse_client(target, args.sse_path, args.sse_count, stats, args.timeout, firsts[-1])))
    started = time.monotonic()
    ready_task = asyncio.create_task(_signal_ready(firsts, args.ready))
    try:
        await asyncio.wait_for(stop.wait(), args.max_seconds)
        stopped_by = "signal"
    except asyncio.TimeoutError:
        stopped_by = "max-seconds"
    elapsed = time.monotonic() - started
    stats.stopping = True  # also ends a loop whose cancellation was lost (asyncio.wait_for before 3.12 can lose one)
    for task in tasks + [ready_task]:
        task.cancel()
    await asyncio.wait(tasks + [ready_task], timeout=STOP_SECONDS)
    summary = {
        "url": args.url, "clients": args.clients, "sse": args.sse, "ssePath": args.sse_path, "sseCount": args.sse_count,
        "seconds": round(elapsed, 3), "stoppedBy": stopped_by, "ready": ready_task.done() and not ready_task.cancelled(),
        "ok": stats.ok, "failed": stats.failed, "retried": stats.retried, "failures": stats.failures,
        "sseOpened": stats.sse_opened, "sseCompleted": stats.sse_completed, "sseInterrupted": stats.sse_interrupted,
        "sseEvents": stats.sse_events, "interruptions": stats.interruptions, "longestGapSeconds": round(stats.longest_gap, 3),
        "longestReopenSeconds": round(stats.longest_reopen, 3),
    }
    with open(args.out, "w") as out:
        json.dump(summary, out, indent=1)
    return 0


async def _signal_ready(firsts, path):
    for first in firsts:
        await first.wait()
    if path:
        with open(path, "w") as ready:
            ready.write("ready\n")


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="http://HOST:PORT/PATH for the GET clients (the streams use its host and port)")
    parser.add_argument("--clients", type=int, default=16, help="keep-alive GET clients")
    parser.add_argument("--sse", type=int, default=0, help="SSE stream slots")
    parser.add_argument("--sse-path", default="/sse?interval=100")
    parser.add_argument("--sse-count", type=int, default=0, help="events a stream sends before it ends (0: endless)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for a connect or an answer's headers")
    parser.add_argument("--max-seconds", type=float, default=900.0, help="stop by itself after this long")
    parser.add_argument("--ready", help="file to create once every client and stream got its first answer")
    parser.add_argument("--out", required=True, help="where the JSON summary goes")
    args = parser.parse_args(argv)
    if args.clients < 0 or args.sse < 0 or args.clients + args.sse == 0:
        parser.error("need at least one client or stream")
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(run(_arguments(sys.argv[1:]))))
