import asyncio
import json
import shutil
import tempfile
import unittest
from pathlib import Path
from types import SimpleNamespace

from support import HERE  # noqa: F401  (puts bench/lib on the path)
import load


def arguments(out, port, **overrides):
    values = dict(url=f"http://127.0.0.1:{port}/", clients=2, sse=0, sse_path="/sse", sse_count=0, timeout=5.0,
                  max_seconds=0.5, ready=None, out=str(out))
    values.update(overrides)
    return SimpleNamespace(**values)


class Server:
    """A loopback HTTP server: handler(request line, answers so far on this connection) gives the answer's bytes, or a
    list of parts written 10 ms apart (None in it cuts the connection there), or None to close without answering."""

    def __init__(self, handler):
        self.handler = handler

    async def __aenter__(self):
        self.server = await asyncio.start_server(self.serve, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_):
        self.server.close()

    async def serve(self, reader, writer):
        answered = 0
        try:
            while True:
                request = await reader.readuntil(b"\r\n\r\n")
                answer = self.handler(request.split(b"\r\n")[0].decode(), answered)
                if answer is None:
                    break
                for part in answer if isinstance(answer, list) else [answer]:
                    if part is None:
                        return  # cut the connection here
                    writer.write(part)
                    await writer.drain()
                    await asyncio.sleep(0.01)
                answered += 1
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def ok(body=b"hello"):
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


def sse(events, final=True):
    parts = [b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"]
    for n in range(events):
        data = b"data: d %d\n\n" % (n + 1)
        parts.append(b"%x\r\n%s\r\n" % (len(data), data))
    if final:
        parts.append(b"0\r\n\r\n")
    return parts


class LoadClientTests(unittest.TestCase):
    def setUp(self):
        self.dir = Path(tempfile.mkdtemp(prefix="bench-load-"))
        self.addCleanup(shutil.rmtree, self.dir)
        self.out = self.dir / "out.json"

    def run_against(self, handler, **overrides):
        async def scenario():
            async with Server(handler) as server:
                await load.run(arguments(self.out, server.port, **overrides))
        asyncio.run(scenario())
        return json.loads(self.out.read_text())

    def test_keep_alive_answers_count_ok_and_nothing_failed(self):
        result = self.run_against(lambda line, n: ok())
        self.assertGreater(result["ok"], 10)
        self.assertEqual(0, result["failed"])
        self.assertEqual(0, result["retried"])

    def test_server_closing_an_idle_keep_alive_connection_is_retried_not_failed(self):
        # Every connection answers once and then closes without `Connection: close`: the next request on it sees EOF.
        result = self.run_against(lambda line, n: ok() if n == 0 else None)
        self.assertGreater(result["ok"], 5)
        self.assertGreater(result["retried"], 5)
        self.assertEqual(0, result["failed"])

    def test_connection_close_answer_reconnects_without_a_retry(self):
        close = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"
        result = self.run_against(lambda line, n: close if n == 0 else None)
        self.assertGreater(result["ok"], 5)
        self.assertEqual(0, result["retried"])
        self.assertEqual(0, result["failed"])

    def test_non_2xx_answers_fail(self):
        bad = b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 3\r\n\r\nbad"
        result = self.run_against(lambda line, n: bad)
        self.assertEqual(0, result["ok"])
        self.assertGreater(result["failed"], 5)
        self.assertEqual("HTTP 502: bad", result["failures"][0])

    def test_closed_before_an_answer_on_a_new_connection_fails(self):
        result = self.run_against(lambda line, n: None)
        self.assertEqual(0, result["ok"])
        self.assertGreater(result["failed"], 1)
        self.assertIn("closed before an answer", result["failures"][0])

    def test_refused_connections_fail(self):
        async def scenario():
            async with Server(lambda line, n: ok()) as server:
                port = server.port
            await asyncio.sleep(0.05)
            await load.run(arguments(self.out, port, max_seconds=0.3))
        asyncio.run(scenario())
        result = json.loads(self.out.read_text())
        self.assertGreater(result["failed"], 0)
        self.assertIn("ConnectionRefusedError", result["failures"][0])

    def test_truncated_body_fails(self):
        truncated = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"
        result = self.run_against(lambda line, n: [truncated, None], clients=1)
        self.assertEqual(0, result["ok"])
        self.assertIn("inside the body", result["failures"][0])

    def test_sse_stream_with_all_its_events_and_the_final_chunk_completes(self):
        result = self.run_against(lambda line, n: sse(3), clients=0, sse=1, sse_count=3, max_seconds=0.6)
        self.assertGreater(result["sseCompleted"], 1)
        self.assertEqual(0, result["sseInterrupted"])
        self.assertGreaterEqual(result["sseOpened"], result["sseCompleted"])
        self.assertLess(result["longestGapSeconds"], 0.5)
        self.assertGreater(result["longestReopenSeconds"], 0)

    def test_sse_stream_cut_before_its_final_chunk_is_interrupted(self):
        result = self.run_against(lambda line, n: sse(2, final=False) + [None], clients=0, sse=1, sse_count=3,
                                  max_seconds=0.4)
        self.assertGreater(result["sseInterrupted"], 0)
        self.assertIn("before the final chunk", result["interruptions"][0])

    def test_sse_stream_ending_early_is_interrupted(self):
        result = self.run_against(lambda line, n: sse(2), clients=0, sse=1, sse_count=5, max_seconds=0.4)
        self.assertGreater(result["sseInterrupted"], 0)
        self.assertEqual(0, result["sseCompleted"])
        self.assertIn("after 2 of 5 events", result["interruptions"][0])

    def test_ready_file_appears_once_every_client_answered(self):
        ready = self.dir / "ready"
        self.run_against(lambda line, n: ok(), ready=str(ready), max_seconds=0.3)
        self.assertEqual("ready\n", ready.read_text())


class ParsingTests(unittest.TestCase):
    def test_sse_events_counts_data_lines_split_across_chunks(self):
        buffer = bytearray()
        self.assertEqual(0, load.sse_events(buffer, b"data: a"))
        self.assertEqual(2, load.sse_events(buffer, b" 1\n\ndata: b 2\n\nda"))
        self.assertEqual(1, load.sse_events(buffer, b"ta: c 3\n"))
        self.assertEqual(0, load.sse_events(buffer, b": comment\n\n"))

    def test_body_chunks_reads_chunked_and_content_length(self):
        async def read(data, headers):
            reader = asyncio.StreamReader()
            reader.feed_data(data)
            reader.feed_eof()
            return b"".join([chunk async for chunk in load.body_chunks(reader, headers)])
        self.assertEqual(b"hello world", asyncio.run(read(b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", {"transfer-encoding": "chunked"})))
        self.assertEqual(b"abc", asyncio.run(read(b"abc", {"content-length": "3"})))
        with self.assertRaises(load.ProtocolError):
            asyncio.run(read(b"5\r\nhel", {"transfer-encoding": "chunked"}))

    def test_keeps_alive_unless_the_answer_says_close(self):
        self.assertTrue(load.keeps_alive({}))
        self.assertFalse(load.keeps_alive({"connection": "close"}))


if __name__ == "__main__":
    unittest.main()
