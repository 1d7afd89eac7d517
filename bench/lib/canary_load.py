"""The canary benchmark's load: many distinct clients, each with its own cookie jar, asking `GET /` of the test app
through the router, and which release answered each of them.

`canary_load.py URL --clients 400 --connections 32 --seconds 10 --out result.json`

Each client is a cookie jar: it sends the cookies it was given (`Cookie:`) and keeps what `Set-Cookie` gives it, as a
browser does. The clients share --connections keep-alive connections: connection N serves the clients whose number
is N modulo --connections, one request at a time, in turn, so a client never has two requests in flight (a client's
first answer, with its cookie, comes before its second request) and every client sends about as many requests.
The test app's `/` answers JSON naming its `revision`; a client *saw both sides* when answers of more than one
revision reached it. Latency is from the request's first byte written to the answer's last byte read.

The summary (JSON, --out): requests ok and failed (non-2xx, a reset, a truncated answer or one that is not the test
app's JSON), answers per revision, clients, clients per set of revisions seen, clients holding each cookie name,
and the latency p50/p90/p99/max in ms of the ok answers.
"""
import argparse
import asyncio
import json
import sys
import time

from load import ClosedBeforeAnswer, ProtocolError, Target, body_chunks, keeps_alive, read_head
from samples import percentile

FAILURE_SAMPLES = 20
RECONNECT_PAUSE = 0.05


def parse_set_cookie(value):
    """(name, value, expired) of one Set-Cookie header value; None when it has no `name=`."""
    pair, *attributes = value.split(";")
    name, equals, cookie = pair.partition("=")
    if not equals or not name.strip():
        return None
    expired = any(a.strip().lower().replace(" ", "") == "max-age=0" for a in attributes)
    return name.strip(), cookie.strip(), expired


class Jar:
    """One client's cookies (one site, so names are enough)."""

    def __init__(self):
        self.cookies = {}

    def take(self, set_cookies):
        for header in set_cookies:
            parsed = parse_set_cookie(header)
            if parsed is None:
                continue
            name, value, expired = parsed
            if expired:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


def revision_of(body):
    """The `revision` of the test app's JSON answer; None when the body is not that."""
    try:
        answer = json.loads(body)
    except ValueError:
        return None
    return answer.get("revision") if isinstance(answer, dict) else None


class Tally:
    def __init__(self, clients):
        self.jars = [Jar() for _ in range(clients)]
        self.seen = [set() for _ in range(clients)]
        self.latencies = []
        self.by_revision = {}
        self.failed = 0
        self.retried = 0
        self.failures = []
        self.stopping = False

    def answer(self, client, revision, seconds):
        self.seen[client].add(revision)
        self.by_revision[revision] = self.by_revision.get(revision, 0) + 1
        self.latencies.append(seconds * 1000)

    def fail(self, reason):
        if self.stopping:
            return
        self.failed += 1
        if len(self.failures) < FAILURE_SAMPLES:
            self.failures.append(reason)

    def summary(self, seconds):
        sides = {}
        for seen in self.seen:
            key = "+".join(sorted(seen)) or "(no answer)"
            sides[key] = sides.get(key, 0) + 1
        cookies = {}
        for jar in self.jars:
            for name in jar.cookies:
                cookies[name] = cookies.get(name, 0) + 1
        ms = self.latencies
        return {
            "seconds": round(seconds, 3), "clients": len(self.jars), "ok": len(ms), "failed": self.failed,
            "retried": self.retried,
            "failures": self.failures, "byRevision": self.by_revision, "clientsBySides": sides,
            "clientsBothSides": sum(1 for seen in self.seen if len(seen) > 1), "clientsWithCookie": cookies,
            "latencyMs": {"p50": percentile(ms, 0.50), "p90": percentile(ms, 0.90), "p99": percentile(ms, 0.99),
                          "max": max(ms) if ms else None},
        }


def request(target, jar):
    cookie = jar.header()
    lines = [f"GET {target.path} HTTP/1.1", f"Host: {target.host}:{target.port}", "User-Agent: orch-canary-bench"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def read_answer(reader):
    """(status, headers, body) of one answer."""
    status, headers = await read_head(reader)
    body = b"".join([chunk async for chunk in body_chunks(reader, headers)])
    return status, headers, body


async def connection(target, tally, clients, timeout):
    """One keep-alive connection serving CLIENTS in turn. A request on a reused connection that the server closed
    before answering is sent again on a new one (as any pooling client does): counted as retried, not failed."""
    reader = writer = None
    reused = False
    turn = 0
    try:
        while not tally.stopping:
            client = clients[turn % len(clients)]
            jar = tally.jars[client]
            try:
                if writer is None:
                    reader, writer = await asyncio.wait_for(asyncio.open_connection(target.host, target.port), timeout)
                    reused = False
                answer = _CookieReader(reader)
                started = time.perf_counter()
                try:
                    writer.write(request(target, jar))
                    await writer.drain()
                except (ConnectionResetError, BrokenPipeError):
                    raise ClosedBeforeAnswer() from None
                status, headers, body = await asyncio.wait_for(read_answer(answer), timeout)
                elapsed = time.perf_counter() - started
                jar.take(answer.set_cookies)
                revision = revision_of(body)
                if not 200 <= status < 300:
                    tally.fail(f"HTTP {status}: {body[:120].decode('utf-8', 'replace')}")
                elif revision is None:
                    tally.fail(f"not the test app's answer: {body[:120].decode('utf-8', 'replace')}")
                else:
                    tally.answer(client, revision, elapsed)
                turn += 1
                reused = True
                if not keeps_alive(headers):
                    await _close(writer)
                    writer = None
            except ClosedBeforeAnswer:
                await _close(writer)
                writer = None
                if reused:
                    tally.retried += 1
                    continue
                tally.fail("connection closed before an answer")
                await asyncio.sleep(RECONNECT_PAUSE)
            except (OSError, ProtocolError, asyncio.TimeoutError) as error:
                await _close(writer)
                writer = None
                tally.fail(f"{type(error).__name__}: {error}")
                await asyncio.sleep(RECONNECT_PAUSE)
    finally:
        if writer is not None:
            writer.close()  # cancelled at the end of the run: no await left


class _CookieReader:
    """Wraps a StreamReader and keeps every Set-Cookie line of the headers it reads (read_head keeps only the last)."""

    def __init__(self, inner):
        self.inner = inner
        self.set_cookies = []
        self._in_head = True

    async def readline(self):
        line = await self.inner.readline()
        if self._in_head:
            if line in (b"\r\n", b"\n", b""):
                self._in_head = False
            elif line[:11].lower() == b"set-cookie:":
                self.set_cookies.append(line[11:].decode("latin-1").strip())
        return line

    async def readexactly(self, n):
        return await self.inner.readexactly(n)


async def _close(writer):
    if writer is not None:
        writer.close()
        try:
            await writer.wait_closed()
        except OSError:
            pass


async def run(args):
    target = Target(args.url)
    tally = Tally(args.clients)
    groups = [list(range(n, args.clients, args.connections)) for n in range(min(args.connections, args.clients))]
    started = time.monotonic()
    tasks = [asyncio.create_task(connection(target, tally, group, args.timeout)) for group in groups]
    await asyncio.sleep(args.seconds)
    elapsed = time.monotonic() - started
    tally.stopping = True
    for task in tasks:
        task.cancel()
    await asyncio.wait(tasks, timeout=5)
    summary = tally.summary(elapsed)
    summary.update({"url": args.url, "connections": len(groups)})
    with open(args.out, "w") as out:
        json.dump(summary, out, indent=1)
    return 0


def _arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("url", help="http://HOST:PORT/PATH of the test app through the router")
    parser.add_argument("--clients", type=int, default=400, help="distinct clients, each with its own cookie jar")
    parser.add_argument("--connections", type=int, default=32, help="keep-alive connections the clients share")
    parser.add_argument("--seconds", type=float, default=10.0, help="how long the load runs")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds for a connect or an answer")
    parser.add_argument("--out", required=True, help="where the JSON summary goes")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.connections < 1 or args.seconds <= 0:
        parser.error("--clients and --connections must be at least 1, --seconds more than 0")
    return args


if __name__ == "__main__":
    sys.exit(asyncio.run(run(_arguments(sys.argv[1:]))))
