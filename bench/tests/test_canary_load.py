import asyncio
import json
import tempfile
import threading
import unittest
from http.cookies import SimpleCookie
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

from support import HERE  # noqa: F401  (puts bench/lib on the path)
from canary_load import Jar, Tally, parse_set_cookie, revision_of, run


class SetCookieTests(unittest.TestCase):
    def test_reads_name_and_value_without_the_attributes(self):
        self.assertEqual(("orch_canary", "61", False),
                         parse_set_cookie("orch_canary=61; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax"))

    def test_max_age_zero_deletes(self):
        self.assertEqual(("orch_canary", "", True), parse_set_cookie("orch_canary=; Max-Age=0; Path=/"))

    def test_a_header_without_a_pair_is_ignored(self):
        self.assertIsNone(parse_set_cookie("garbage"))
        jar = Jar()
        jar.take(["garbage", "a=1; Path=/", "b=2"])
        self.assertEqual("a=1; b=2", jar.header())

    def test_a_jar_replaces_and_deletes_cookies(self):
        jar = Jar()
        jar.take(["a=1", "b=2"])
        jar.take(["a=3", "b=x; Max-Age=0"])
        self.assertEqual("a=3", jar.header())


class TallyTests(unittest.TestCase):
    def test_revision_comes_from_the_test_apps_json(self):
        self.assertEqual("r2", revision_of(b'{"revision": "r2", "deployment": "app-1"}'))
        self.assertIsNone(revision_of(b"no active deployment"))
        self.assertIsNone(revision_of(b"[1, 2]"))

    def test_summary_counts_clients_that_saw_both_sides(self):
        tally = Tally(3)
        tally.answer(0, "old", 0.001)
        tally.answer(0, "old", 0.002)
        tally.answer(1, "new", 0.003)
        tally.answer(2, "old", 0.004)
        tally.answer(2, "new", 0.010)
        summary = tally.summary(1.0)
        self.assertEqual({"old": 3, "new": 2}, summary["byRevision"])
        self.assertEqual(1, summary["clientsBothSides"])
        self.assertEqual({"old": 1, "new": 1, "new+old": 1}, summary["clientsBySides"])
        self.assertEqual(10.0, summary["latencyMs"]["p99"])
        self.assertEqual(3.0, summary["latencyMs"]["p50"])


class Split(BaseHTTPRequestHandler):
    """A server that splits like the router: a client without a `side` cookie gets the next bucket, 0-9, and
    buckets below 2 answer revision `new`; with sticky=False the cookie is ignored and every request is assigned."""
    protocol_version = "HTTP/1.1"
    sticky = True
    next_bucket = 0
    lock = threading.Lock()

    def do_GET(self):
        cookies = SimpleCookie(self.headers.get("Cookie", ""))
        bucket = int(cookies["side"].value) if self.sticky and "side" in cookies else None
        set_cookie = bucket is None
        if bucket is None:
            with Split.lock:
                bucket = Split.next_bucket % 10
                Split.next_bucket += 1
        body = json.dumps({"revision": "new" if bucket < 2 else "old"}).encode()
        self.send_response(200)
        if set_cookie:
            self.send_header("Set-Cookie", f"side={bucket}; Path=/; HttpOnly")
        self.send_header("Set-Cookie", "other=1; Path=/")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class LoadAgainstARealServerTests(unittest.TestCase):
    def serve(self, sticky):
        handler = type("Handler", (Split,), {"sticky": sticky})
        Split.next_bucket = 0
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        return server.server_address[1]

    def load(self, port, clients=40, connections=4):
        out = Path(tempfile.mkdtemp(prefix="canary-load-")) / "summary.json"
        args = SimpleNamespace(url=f"http://127.0.0.1:{port}/", clients=clients, connections=connections, seconds=1.0,
                               timeout=5.0, out=str(out))
        asyncio.run(run(args))
        return json.loads(out.read_text())

    def test_clients_that_keep_their_cookie_stay_on_their_side(self):
        summary = self.load(self.serve(sticky=True))
        self.assertEqual(0, summary["failed"])
        self.assertEqual(0, summary["clientsBothSides"])
        self.assertEqual({"new": 8, "old": 32}, summary["clientsBySides"])
        self.assertEqual({"side": 40, "other": 40}, summary["clientsWithCookie"])
        share = summary["byRevision"]["new"] / summary["ok"]
        self.assertAlmostEqual(0.2, share, delta=0.03)
        self.assertIsNotNone(summary["latencyMs"]["p99"])

    def test_a_server_that_ignores_the_cookie_shows_clients_on_both_sides(self):
        summary = self.load(self.serve(sticky=False))
        self.assertGreater(summary["clientsBothSides"], 0)


if __name__ == "__main__":
    unittest.main()
